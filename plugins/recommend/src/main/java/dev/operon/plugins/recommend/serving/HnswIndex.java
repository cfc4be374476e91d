package dev.operon.plugins.recommend.serving;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * An approximate maximum-inner-product index over item vectors: a hierarchical navigable small-world graph (Malkov
 * and Yashunin's HNSW) searched greedily from a sparse top layer down to the dense bottom layer.
 *
 * <p>Inner product is not a distance, so each item vector {@code x} is stored with one more component
 * {@code sqrt(M^2 - |x|^2)} (M the largest norm) and each query with a 0 there: the nearest stored vector by
 * Euclidean distance is then the one with the largest inner product with the query (Bachrach et al., 2014).
 *
 * <p>Built once on one thread, then immutable: {@link #search} is safe from many threads.
 */
public final class HnswIndex {

    private final int size;
    private final int dim;
    private final float[] vectors;
    private final int maxLinks;
    private final int maxLinks0;
    private final int efConstruction;
    private final int[] levelOf;
    /** links[node][level] = {count, neighbour...}. */
    private final int[][][] links;
    private int entry = -1;
    private int topLevel = -1;
    private final ThreadLocal<Visits> visits;

    /**
     * Builds the index.
     *
     * @param itemVectors    {@code count * dimension} values, item i's vector at {@code [i*dimension, (i+1)*dimension)}
     * @param links          neighbours per node on the upper layers (twice as many on the bottom layer); 16 is usual
     * @param efConstruction candidates considered when linking a node; higher builds slower and finds better
     * @param seed           seeds the random layer of each node, so a build is reproducible
     */
    public static HnswIndex build(float[] itemVectors, int dimension, int links, int efConstruction, long seed) {
        if (dimension <= 0 || itemVectors.length % dimension != 0) {
            throw new IllegalArgumentException("vectors are not a whole number of " + dimension + "-dimensional rows");
        }
        HnswIndex index = new HnswIndex(itemVectors, dimension, links, efConstruction, seed);
        for (int node = 0; node < index.size; node++) {
            index.insert(node);
        }
        return index;
    }

    private HnswIndex(float[] itemVectors, int dimension, int linkCount, int efConstruction, long seed) {
        this.size = itemVectors.length / dimension;
        this.dim = dimension + 1;
        this.maxLinks = Math.max(2, linkCount);
        this.maxLinks0 = 2 * this.maxLinks;
        this.efConstruction = Math.max(efConstruction, this.maxLinks);
        this.vectors = new float[size * dim];
        double maxNorm = 0;
        for (int i = 0; i < size; i++) {
            maxNorm = Math.max(maxNorm, norm2(itemVectors, i * dimension, dimension));
        }
        for (int i = 0; i < size; i++) {
            System.arraycopy(itemVectors, i * dimension, vectors, i * dim, dimension);
            double rest = maxNorm - norm2(itemVectors, i * dimension, dimension);
            vectors[i * dim + dimension] = (float) Math.sqrt(Math.max(0, rest));
        }
        Random random = new Random(seed);
        double scale = 1 / Math.log(this.maxLinks);
        this.levelOf = new int[size];
        this.links = new int[size][][];
        for (int i = 0; i < size; i++) {
            int level = (int) Math.floor(-Math.log(1 - random.nextDouble()) * scale);
            levelOf[i] = Math.min(level, 16);
            links[i] = new int[levelOf[i] + 1][];
            for (int l = 0; l <= levelOf[i]; l++) {
                links[i][l] = new int[(l == 0 ? maxLinks0 : maxLinks) + 1];
            }
        }
        int capacity = size;
        this.visits = ThreadLocal.withInitial(() -> new Visits(capacity));
    }

    public int size() {
        return size;
    }

    /**
     * The {@code k} items with (approximately) the largest inner product with {@code query}, best first, among those
     * {@code allowed} accepts (null: all). Items refused by the filter are still walked through, so a strict filter
     * costs more candidates, not recall.
     *
     * @param ef candidates kept during the search (at least k); higher is slower and more exact
     */
    public int[] search(float[] query, int k, int ef, IntPredicate allowed) {
        if (size == 0 || k <= 0) {
            return new int[0];
        }
        float[] q = Arrays.copyOf(query, dim);
        q[dim - 1] = 0;
        int current = entry;
        float currentDistance = distance(q, current);
        for (int level = topLevel; level > 0; level--) {
            boolean moved = true;
            while (moved) {
                moved = false;
                int[] near = links[current][level];
                for (int j = 1; j <= near[0]; j++) {
                    float d = distance(q, near[j]);
                    if (d < currentDistance) {
                        currentDistance = d;
                        current = near[j];
                        moved = true;
                    }
                }
            }
        }
        Candidates found = searchLayer(q, current, Math.max(ef, k), 0, allowed);
        return found.best(k);
    }

    private void insert(int node) {
        if (entry < 0) {
            entry = node;
            topLevel = levelOf[node];
            return;
        }
        float[] q = Arrays.copyOfRange(vectors, node * dim, node * dim + dim);
        int current = entry;
        float currentDistance = distance(q, current);
        for (int level = topLevel; level > levelOf[node]; level--) {
            boolean moved = true;
            while (moved) {
                moved = false;
                int[] near = links[current][level];
                for (int j = 1; j <= near[0]; j++) {
                    float d = distance(q, near[j]);
                    if (d < currentDistance) {
                        currentDistance = d;
                        current = near[j];
                        moved = true;
                    }
                }
            }
        }
        for (int level = Math.min(topLevel, levelOf[node]); level >= 0; level--) {
            Candidates found = searchLayer(q, current, efConstruction, level, null);
            int[] nearest = found.ascending();
            float[] toNode = new float[nearest.length];
            for (int i = 0; i < nearest.length; i++) {
                toNode[i] = distance(q, nearest[i]);
            }
            int[] chosen = select(node, nearest, toNode, level == 0 ? maxLinks0 : maxLinks);
            int[] own = links[node][level];
            own[0] = chosen.length;
            System.arraycopy(chosen, 0, own, 1, chosen.length);
            for (int neighbour : chosen) {
                link(neighbour, node, level);
            }
            current = found.nearest();
        }
        if (levelOf[node] > topLevel) {
            topLevel = levelOf[node];
            entry = node;
        }
    }

    /** Adds {@code node} to {@code neighbour}'s links, re-selecting them when full. */
    private void link(int neighbour, int node, int level) {
        int[] list = links[neighbour][level];
        int cap = list.length - 1;
        if (list[0] < cap) {
            list[++list[0]] = node;
            return;
        }
        int[] pool = Arrays.copyOfRange(list, 1, cap + 2);
        pool[cap] = node;
        float[] dist = new float[pool.length];
        for (int i = 0; i < pool.length; i++) {
            dist[i] = distanceBetween(neighbour, pool[i]);
        }
        // insertion sort, nearest first: the pool is small
        for (int i = 1; i < pool.length; i++) {
            int p = pool[i];
            float d = dist[i];
            int j = i - 1;
            while (j >= 0 && dist[j] > d) {
                pool[j + 1] = pool[j];
                dist[j + 1] = dist[j];
                j--;
            }
            pool[j + 1] = p;
            dist[j + 1] = d;
        }
        int[] chosen = select(neighbour, pool, dist, cap);
        list[0] = chosen.length;
        System.arraycopy(chosen, 0, list, 1, chosen.length);
    }

    /**
     * Picks up to {@code max} links for {@code base} from candidates sorted nearest first: a candidate is kept when it
     * is nearer to the base than to every one kept so far (so links point in different directions); the remaining
     * places are then filled with the nearest ones left out.
     */
    private int[] select(int base, int[] candidates, float[] toBase, int max) {
        int[] kept = new int[max];
        int n = 0;
        boolean[] skipped = new boolean[candidates.length];
        for (int i = 0; i < candidates.length && n < max; i++) {
            int c = candidates[i];
            if (c == base) {
                continue;
            }
            boolean diverse = true;
            for (int j = 0; j < n; j++) {
                if (distanceBetween(c, kept[j]) < toBase[i]) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                kept[n++] = c;
            } else {
                skipped[i] = true;
            }
        }
        for (int i = 0; i < candidates.length && n < max; i++) {
            if (skipped[i]) {
                kept[n++] = candidates[i];
            }
        }
        return Arrays.copyOf(kept, n);
    }

    private Candidates searchLayer(float[] q, int start, int ef, int level, IntPredicate allowed) {
        Visits seen = visits.get();
        seen.next();
        seen.mark(start);
        Heap frontier = new Heap(Math.max(16, ef * 2), false);   // nearest on top
        Candidates result = new Candidates(ef);                 // farthest on top, allowed nodes only
        float d0 = distance(q, start);
        frontier.push(start, d0);
        if (allowed == null || allowed.test(start)) {
            result.offer(start, d0);
        }
        while (frontier.size() > 0) {
            float d = frontier.topDistance();
            int node = frontier.pop();
            if (result.full() && d > result.farthest()) {
                break;
            }
            int[] near = links[node][level];
            for (int j = 1; j <= near[0]; j++) {
                int other = near[j];
                if (!seen.mark(other)) {
                    continue;
                }
                float od = distance(q, other);
                if (!result.full() || od < result.farthest()) {
                    frontier.push(other, od);
                    if (allowed == null || allowed.test(other)) {
                        result.offer(other, od);
                    }
                }
            }
        }
        return result;
    }

    private float distance(float[] q, int node) {
        int base = node * dim;
        float sum = 0;
        for (int i = 0; i < dim; i++) {
            float diff = q[i] - vectors[base + i];
            sum += diff * diff;
        }
        return sum;
    }

    private float distanceBetween(int a, int b) {
        int x = a * dim;
        int y = b * dim;
        float sum = 0;
        for (int i = 0; i < dim; i++) {
            float diff = vectors[x + i] - vectors[y + i];
            sum += diff * diff;
        }
        return sum;
    }

    private static double norm2(float[] v, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) v[i] * v[i];
        }
        return sum;
    }

    /** Nodes seen in the current search: a stamp per node, so no clearing between searches. */
    private static final class Visits {
        private final int[] stamp;
        private int current;

        Visits(int size) {
            stamp = new int[size];
        }

        void next() {
            current++;
            if (current == Integer.MAX_VALUE) {
                Arrays.fill(stamp, 0);
                current = 1;
            }
        }

        /** Marks a node; false when it was already seen in this search. */
        boolean mark(int node) {
            if (stamp[node] == current) {
                return false;
            }
            stamp[node] = current;
            return true;
        }
    }

    /** The best nodes found so far, bounded, farthest on top. */
    private static final class Candidates {
        private final int capacity;
        private final Heap heap;

        Candidates(int capacity) {
            this.capacity = capacity;
            this.heap = new Heap(capacity + 1, true);
        }

        void offer(int node, float distance) {
            if (heap.size() < capacity) {
                heap.push(node, distance);
            } else if (distance < heap.topDistance()) {
                heap.pop();
                heap.push(node, distance);
            }
        }

        boolean full() {
            return heap.size() >= capacity;
        }

        float farthest() {
            return heap.size() == 0 ? Float.POSITIVE_INFINITY : heap.topDistance();
        }

        /** Every node, nearest first. */
        int[] ascending() {
            int n = heap.size();
            int[] out = new int[n];
            Heap copy = heap.copy();
            for (int i = n - 1; i >= 0; i--) {
                out[i] = copy.pop();
            }
            return out;
        }

        int nearest() {
            return ascending()[0];
        }

        int[] best(int k) {
            int[] all = ascending();
            return Arrays.copyOf(all, Math.min(k, all.length));
        }
    }

    /** A binary heap of (node, distance) in two arrays: the largest distance on top, or the smallest. */
    private static final class Heap {
        private int[] nodes;
        private float[] distances;
        private int size;
        private final boolean maxOnTop;

        Heap(int capacity, boolean maxOnTop) {
            this.nodes = new int[Math.max(4, capacity)];
            this.distances = new float[nodes.length];
            this.maxOnTop = maxOnTop;
        }

        Heap copy() {
            Heap h = new Heap(nodes.length, maxOnTop);
            System.arraycopy(nodes, 0, h.nodes, 0, size);
            System.arraycopy(distances, 0, h.distances, 0, size);
            h.size = size;
            return h;
        }

        int size() {
            return size;
        }

        float topDistance() {
            return distances[0];
        }

        private boolean above(float a, float b) {
            return maxOnTop ? a > b : a < b;
        }

        void push(int node, float distance) {
            if (size == nodes.length) {
                nodes = Arrays.copyOf(nodes, size * 2);
                distances = Arrays.copyOf(distances, size * 2);
            }
            int at = size++;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (!above(distance, distances[parent])) {
                    break;
                }
                nodes[at] = nodes[parent];
                distances[at] = distances[parent];
                at = parent;
            }
            nodes[at] = node;
            distances[at] = distance;
        }

        int pop() {
            int top = nodes[0];
            size--;
            if (size > 0) {
                int node = nodes[size];
                float distance = distances[size];
                int at = 0;
                while (true) {
                    int child = 2 * at + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && above(distances[child + 1], distances[child])) {
                        child++;
                    }
                    if (!above(distances[child], distance)) {
                        break;
                    }
                    nodes[at] = nodes[child];
                    distances[at] = distances[child];
                    at = child;
                }
                nodes[at] = node;
                distances[at] = distance;
            }
            return top;
        }
    }
}

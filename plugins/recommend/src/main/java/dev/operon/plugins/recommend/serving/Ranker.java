package dev.operon.plugins.recommend.serving;

import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.plugins.recommend.model.EmbeddingView;
import dev.operon.plugins.recommend.model.ItemSimilarity;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.model.TopItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Ranks the items of one served model for one request: candidates by the model's scores (every item exactly, or
 * the approximate index's nearest when the model has one), the filters (availability, categories, exclusions), the
 * boosts, diversity (a category cap and maximal marginal relevance), and for each item the history item that
 * explains it best. Stateless and thread-safe; per-thread scratch arrays avoid allocating a score array per call.
 */
public final class Ranker {

    /** Candidates the approximate index keeps while searching, at least (recall@10 about 0.96 on random data). */
    public static final int SEARCH_EF = 200;

    /** How many of the latest history items reasons look at. */
    static final int REASON_HISTORY = 20;

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);

    private Ranker() {
    }

    public static List<Ranked> rank(ServedModel model, ItemTable table, RankRequest request) {
        Recommender recommender = model.recommender();
        int count = recommender.items().size();
        IntPredicate allowed = allowed(table, request);
        int wanted = request.reranks() ? Math.max(request.n() * 5, request.n() + 50) : request.n();
        Candidates candidates = null;
        Optional<EmbeddingView> view = recommender.embeddings();
        if (model.index() != null && view.isPresent()) {
            candidates = approximate(model.index(), view.get(), request, wanted, allowed);
        }
        if (candidates == null) {
            float[] scores = scratch(SCRATCH, count);
            recommender.score(request.user(), request.history(), scores);
            int[] top = TopItems.top(scores, count, wanted, allowed);
            float[] values = new float[top.length];
            for (int i = 0; i < top.length; i++) {
                values[i] = scores[top[i]];
            }
            candidates = new Candidates(top, values);
        }
        double[] relevance = relevance(candidates, table, request.boosts());
        int[] chosen = select(candidates, relevance, table, request, view.orElse(null), recommender);
        int[] because = reasons(chosen, candidates, request, view.orElse(null), recommender);
        List<Ranked> out = new ArrayList<>(chosen.length);
        for (int k = 0; k < chosen.length; k++) {
            int c = chosen[k];
            out.add(new Ranked(candidates.items[c], candidates.scores[c], relevance[c], because[k]));
        }
        return out;
    }

    /** Candidate items (model indexes) and their model scores, best first. */
    record Candidates(int[] items, float[] scores) {
    }

    private static Candidates approximate(HnswIndex index, EmbeddingView view, RankRequest request, int wanted,
                                          IntPredicate allowed) {
        int d = view.dimension();
        float[] query = new float[d];
        view.query(request.user(), request.history(), query);
        int[] found = index.search(query, wanted, Math.max(4 * wanted, SEARCH_EF), allowed);
        if (found.length < Math.min(wanted, request.n())) {
            return null;   // a filter refused most of the neighbourhood: score exactly
        }
        float[] vectors = view.itemVectors();
        float[] scores = new float[found.length];
        for (int i = 0; i < found.length; i++) {
            scores[i] = dot(query, vectors, found[i] * d, d);
        }
        Integer[] order = new Integer[found.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        int[] items = new int[found.length];
        float[] sorted = new float[found.length];
        for (int i = 0; i < order.length; i++) {
            items[i] = found[order[i]];
            sorted[i] = scores[order[i]];
        }
        return new Candidates(items, sorted);
    }

    private static IntPredicate allowed(ItemTable table, RankRequest request) {
        boolean[] categoryOk = null;
        boolean noCategoryOk = true;
        if (!request.onlyCategories().isEmpty() || !request.excludeCategories().isEmpty()) {
            categoryOk = new boolean[table.categoryCount()];
            boolean only = !request.onlyCategories().isEmpty();
            Arrays.fill(categoryOk, !only);
            for (String c : request.onlyCategories()) {
                int code = table.categoryCode(c);
                if (code >= 0) {
                    categoryOk[code] = true;
                }
            }
            for (String c : request.excludeCategories()) {
                int code = table.categoryCode(c);
                if (code >= 0) {
                    categoryOk[code] = false;
                }
            }
            noCategoryOk = !only;
        }
        boolean[] byCategory = categoryOk;
        boolean uncategorised = noCategoryOk;
        java.util.BitSet excluded = new java.util.BitSet();
        for (int i : request.excluded()) {
            excluded.set(i);
        }
        return i -> {
            if (!table.recommendable(i) || excluded.get(i)) {
                return false;
            }
            if (byCategory == null) {
                return true;
            }
            int c = table.category(i);
            return c < 0 ? uncategorised : byCategory[c];
        };
    }

    /** Model scores scaled to [0, 1] among the candidates, plus the boosts that match. */
    private static double[] relevance(Candidates candidates, ItemTable table, List<Boost> boosts) {
        int n = candidates.items.length;
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float s : candidates.scores) {
            if (Float.isFinite(s)) {
                max = Math.max(max, s);
                min = Math.min(min, s);
            }
        }
        double range = max - min;
        for (int i = 0; i < n; i++) {
            float s = candidates.scores[i];
            out[i] = !Float.isFinite(s) ? 0 : range > 0 ? (s - min) / range : 1;
            if (!boosts.isEmpty()) {
                Item item = table.item(candidates.items[i]);
                if (item != null) {
                    for (Boost b : boosts) {
                        if (b.matches(item.property(b.property()))) {
                            out[i] += b.weight();
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Picks the final list (positions in the candidates): greedily the best by relevance, or by maximal marginal
     * relevance {@code (1 - d) * relevance - d * max similarity to the items already picked}, skipping items whose
     * category reached the cap.
     */
    private static int[] select(Candidates candidates, double[] relevance, ItemTable table, RankRequest request,
                                EmbeddingView view, Recommender recommender) {
        int n = candidates.items.length;
        int want = Math.min(request.n(), n);
        boolean[] used = new boolean[n];
        int[] perCategory = new int[table.categoryCount()];
        int[] chosen = new int[want];
        int size = 0;
        double d = request.diversity();
        Similarity similarity = d > 0 ? Similarity.of(view, recommender, table, candidates.items) : null;
        double[] maxSimilarity = d > 0 ? new double[n] : null;
        while (size < want) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (used[i]) {
                    continue;
                }
                int category = table.category(candidates.items[i]);
                if (request.maxPerCategory() > 0 && category >= 0 && perCategory[category] >= request.maxPerCategory()) {
                    continue;
                }
                double value = d > 0 ? (1 - d) * relevance[i] - d * maxSimilarity[i] : relevance[i];
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            if (best < 0) {
                break;   // the category cap leaves nothing else
            }
            used[best] = true;
            chosen[size++] = best;
            int category = table.category(candidates.items[best]);
            if (category >= 0) {
                perCategory[category]++;
            }
            if (similarity != null) {
                similarity.update(best, maxSimilarity);
            }
        }
        return Arrays.copyOf(chosen, size);
    }

    /** For each chosen item, the position in the history of the item most similar to it, or -1. */
    private static int[] reasons(int[] chosen, Candidates candidates, RankRequest request, EmbeddingView view,
                                 Recommender recommender) {
        int[] out = new int[chosen.length];
        Arrays.fill(out, -1);
        int[] history = request.history();
        if (history.length == 0 || chosen.length == 0) {
            return out;
        }
        int from = Math.max(0, history.length - REASON_HISTORY);
        double[] best = new double[chosen.length];
        Arrays.fill(best, 0);
        if (view != null) {
            float[] vectors = view.itemVectors();
            int dim = view.dimension();
            for (int p = history.length - 1; p >= from; p--) {
                int h = history[p];
                double hn = Math.sqrt(dot(vectors, h * dim, vectors, h * dim, dim));
                for (int k = 0; k < chosen.length; k++) {
                    int r = candidates.items[chosen[k]];
                    double rn = Math.sqrt(dot(vectors, r * dim, vectors, r * dim, dim));
                    double cos = hn == 0 || rn == 0 ? 0 : dot(vectors, h * dim, vectors, r * dim, dim) / (hn * rn);
                    if (cos > best[k]) {
                        best[k] = cos;
                        out[k] = p;
                    }
                }
            }
            return out;
        }
        Optional<ItemSimilarity> similarity = recommender.similarity();
        if (similarity.isEmpty()) {
            return out;
        }
        float[] row = scratch(ROW, recommender.items().size());
        for (int p = history.length - 1; p >= from; p--) {
            similarity.get().similar(history[p], row);
            for (int k = 0; k < chosen.length; k++) {
                float s = row[candidates.items[chosen[k]]];
                if (Float.isFinite(s) && s > best[k]) {
                    best[k] = s;
                    out[k] = p;
                }
            }
        }
        return out;
    }

    static float dot(float[] q, float[] vectors, int offset, int d) {
        float sum = 0;
        for (int i = 0; i < d; i++) {
            sum += q[i] * vectors[offset + i];
        }
        return sum;
    }

    private static double dot(float[] a, int ao, float[] b, int bo, int d) {
        double sum = 0;
        for (int i = 0; i < d; i++) {
            sum += (double) a[ao + i] * b[bo + i];
        }
        return sum;
    }

    private static float[] scratch(ThreadLocal<float[]> holder, int size) {
        float[] array = holder.get();
        if (array.length < size) {
            array = new float[size];
            holder.set(array);
        }
        return array;
    }

    /**
     * How alike two candidates are for diversity: cosine of the embeddings when the model has them, the model's
     * item similarity scaled by its largest value among the candidates otherwise, else 1 for the same category.
     */
    private abstract static class Similarity {

        abstract void update(int picked, double[] maxSimilarity);

        static Similarity of(EmbeddingView view, Recommender recommender, ItemTable table, int[] items) {
            if (view != null) {
                float[] v = view.itemVectors();
                int dim = view.dimension();
                double[] norms = new double[items.length];
                for (int i = 0; i < items.length; i++) {
                    norms[i] = Math.sqrt(dot(v, items[i] * dim, v, items[i] * dim, dim));
                }
                return new Similarity() {
                    @Override
                    void update(int picked, double[] maxSimilarity) {
                        for (int i = 0; i < items.length; i++) {
                            double denominator = norms[i] * norms[picked];
                            double cos = denominator == 0 ? 0
                                    : dot(v, items[i] * dim, v, items[picked] * dim, dim) / denominator;
                            maxSimilarity[i] = Math.max(maxSimilarity[i], cos);
                        }
                    }
                };
            }
            if (recommender.similarity().isPresent()) {
                ItemSimilarity similarity = recommender.similarity().get();
                float[] row = new float[recommender.items().size()];
                return new Similarity() {
                    @Override
                    void update(int picked, double[] maxSimilarity) {
                        similarity.similar(items[picked], row);
                        double top = 0;
                        for (int item : items) {
                            if (Float.isFinite(row[item])) {
                                top = Math.max(top, Math.abs(row[item]));
                            }
                        }
                        for (int i = 0; i < items.length; i++) {
                            float s = row[items[i]];
                            double scaled = top == 0 || !Float.isFinite(s) ? 0 : s / top;
                            maxSimilarity[i] = Math.max(maxSimilarity[i], scaled);
                        }
                    }
                };
            }
            return new Similarity() {
                @Override
                void update(int picked, double[] maxSimilarity) {
                    int category = table.category(items[picked]);
                    for (int i = 0; i < items.length; i++) {
                        if (category >= 0 && table.category(items[i]) == category) {
                            maxSimilarity[i] = 1;
                        }
                    }
                }
            };
        }
    }
}

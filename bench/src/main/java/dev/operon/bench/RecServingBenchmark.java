package dev.operon.bench;

import dev.operon.plugins.recommend.catalog.Catalog;
import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.plugins.recommend.model.EmbeddingView;
import dev.operon.plugins.recommend.model.IdIndex;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.model.TopItems;
import dev.operon.plugins.recommend.serving.Boost;
import dev.operon.plugins.recommend.serving.ItemTable;
import dev.operon.plugins.recommend.serving.RankRequest;
import dev.operon.plugins.recommend.serving.Ranked;
import dev.operon.plugins.recommend.serving.Ranker;
import dev.operon.plugins.recommend.serving.ServedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * {@code bench/run.sh rec-serving}: latency of the recommendation plugin's serving path (exact scoring of every item
 * by a dot-product model, filters for seen and unavailable items and a request exclude list, a boost, a category
 * cap, reasons) for a top-10 among {@code items} items, at a fixed arrival rate (open loop: latency counts from the
 * scheduled start, so queueing behind slow requests is included), against a bare scoring loop over the same
 * embeddings (query vector, one dot product per item, top 10) at the same rate in the same run. Phases alternate
 * (serving, bare, serving, bare, ...) so both see the same machine load. In process, no HTTP and no database: the
 * operation around this path also reads the user's events and writes the served row.
 */
final class RecServingBenchmark implements Benchmark {

    private final Options options;

    RecServingBenchmark(Workspace workspace, Options options) {
        this.options = options;
    }

    @Override
    public Report run() throws Exception {
        int items = options.integer("items", 10_000);
        int users = options.integer("users", 5_000);
        int dim = options.integer("dim", 64);
        int rate = options.integer("rate", 200);
        int seconds = options.integer("seconds", 20);
        int rounds = options.integer("rounds", 3);
        int threads = options.integer("threads", 2);
        int historyLength = options.integer("history", 20);
        Report report = new Report("rec-serving", options.all());
        Embeddings model = Embeddings.random(users, items, dim, 42);
        List<Item> catalogue = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < items; i++) {
            catalogue.add(new Item("i" + i, null, "c" + (i % 50), 10.0, random.nextInt(10) != 0,
                    Map.of("brand", i % 7 == 0 ? "acme" : "other"), null));
        }
        ServedModel served = new ServedModel("recommend.bench", 1, model, null);
        ItemTable table = served.table(Catalog.of(1, catalogue));
        List<Boost> boosts = List.of(new Boost("brand", "acme", 0.1));

        IntConsumer serving = request -> {
            Random r = new Random(request);
            int user = r.nextInt(users);
            int[] history = new int[historyLength];
            for (int k = 0; k < historyLength; k++) {
                history[k] = r.nextInt(items);
            }
            int[] excluded = new int[historyLength + 5];
            System.arraycopy(history, 0, excluded, 0, historyLength);
            for (int k = 0; k < 5; k++) {
                excluded[historyLength + k] = r.nextInt(items);
            }
            List<Ranked> out = Ranker.rank(served, table, new RankRequest(user, history, null, 10, excluded, Set.of(),
                    Set.of(), boosts, 3, 0));
            if (out.size() != 10) {
                throw new IllegalStateException("served " + out.size() + " items");
            }
        };
        ThreadLocal<float[]> scores = ThreadLocal.withInitial(() -> new float[items]);
        IntConsumer bare = request -> {
            Random r = new Random(request);
            int user = r.nextInt(users);
            int[] history = new int[historyLength];
            for (int k = 0; k < historyLength; k++) {
                history[k] = r.nextInt(items);
            }
            float[] s = scores.get();
            model.score(user, history, s);
            if (TopItems.top(s, items, 10, i -> true).length != 10) {
                throw new IllegalStateException("bare loop found fewer than 10");
            }
        };
        // warm-up: both paths compiled before measuring
        for (int i = 0; i < 3000; i++) {
            serving.accept(i);
            bare.accept(i);
        }
        List<Double> servingMs = new ArrayList<>();
        List<Double> bareMs = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Stats s = new Stats(openLoop(serving, rate, seconds, threads, round * 1_000_000));
            Stats b = new Stats(openLoop(bare, rate, seconds, threads, round * 1_000_000));
            rows.add(Report.row(round, ms(s.percentile(50)), ms(s.percentile(99)), ms(b.percentile(50)),
                    ms(b.percentile(99)), Report.num(s.percentile(99) / b.percentile(99), 2), Machine.loadAverage()));
            servingMs.add(s.percentile(99));
            bareMs.add(b.percentile(99));
        }
        double servingP99 = new Stats(servingMs).median();
        double bareP99 = new Stats(bareMs).median();
        report.table("Top-10 among " + items + " items at " + rate + " requests/s, " + seconds + " s per phase, "
                        + threads + " worker threads (latency from the scheduled start, ms)",
                List.of("round", "serving p50", "serving p99", "bare p50", "bare p99", "p99 ratio", "load average"),
                rows);
        report.note("Median over rounds: serving p99 " + ms(servingP99) + " ms, bare loop p99 " + ms(bareP99)
                + " ms, ratio " + Report.num(servingP99 / bareP99, 2) + "; target p99 < 5 ms: "
                + (servingP99 < 5 ? "pass" : "FAIL") + ".");
        report.note("Serving = exact scores of all items, filters (20 seen, 5 excluded, ~10% unavailable), a brand"
                + " boost, a category cap of 3 (60 candidates re-ranked), reasons over the last 20 history items."
                + " Bare = query vector, " + items + " dot products of " + dim + " dimensions, top 10.");
        report.put("servingP99Ms", servingP99);
        report.put("bareP99Ms", bareP99);
        report.put("ratio", servingP99 / bareP99);
        return report;
    }

    private static String ms(double value) {
        return Report.num(value, 3);
    }

    /** Issues requests at a fixed rate on a pool; returns each one's latency from its scheduled start, in ms. */
    private static List<Double> openLoop(IntConsumer work, int rate, int seconds, int threads, int seed)
            throws InterruptedException {
        int total = rate * seconds;
        double[] latencies = new double[total];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 50_000_000;
        long every = 1_000_000_000L / rate;
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(total);
        for (int i = 0; i < total; i++) {
            int request = i;
            long due = start + i * every;
            clock.schedule(() -> pool.execute(() -> {
                try {
                    work.accept(seed + request);
                } finally {
                    latencies[request] = (System.nanoTime() - due) / 1e6;
                    done.countDown();
                }
            }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await();
        clock.shutdown();
        pool.shutdown();
        List<Double> out = new ArrayList<>(total);
        for (double l : latencies) {
            out.add(l);
        }
        return out;
    }

    /** A dot-product model over random vectors: user vector plus the mean of the history items' vectors. */
    static final class Embeddings implements Recommender, EmbeddingView {
        private final IdIndex users;
        private final IdIndex items;
        private final float[] userVectors;
        private final float[] itemVectors;
        private final int dim;

        private Embeddings(IdIndex users, IdIndex items, float[] userVectors, float[] itemVectors, int dim) {
            this.users = users;
            this.items = items;
            this.userVectors = userVectors;
            this.itemVectors = itemVectors;
            this.dim = dim;
        }

        static Embeddings random(int userCount, int itemCount, int dim, long seed) {
            Random random = new Random(seed);
            List<String> u = new ArrayList<>();
            for (int i = 0; i < userCount; i++) {
                u.add("p:" + i);
            }
            List<String> it = new ArrayList<>();
            for (int i = 0; i < itemCount; i++) {
                it.add("i" + i);
            }
            float[] uv = new float[userCount * dim];
            float[] iv = new float[itemCount * dim];
            for (int i = 0; i < uv.length; i++) {
                uv[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < iv.length; i++) {
                iv[i] = (float) random.nextGaussian();
            }
            return new Embeddings(IdIndex.of(u), IdIndex.of(it), uv, iv, dim);
        }

        @Override
        public ModelKind kind() {
            return ModelKind.BPR;
        }

        @Override
        public IdIndex users() {
            return users;
        }

        @Override
        public IdIndex items() {
            return items;
        }

        @Override
        public void score(int user, int[] history, float[] out) {
            float[] q = new float[dim];
            query(user, history, q);
            int n = items.size();
            for (int i = 0; i < n; i++) {
                float s = 0;
                int base = i * dim;
                for (int k = 0; k < dim; k++) {
                    s += q[k] * itemVectors[base + k];
                }
                out[i] = s;
            }
        }

        @Override
        public Optional<EmbeddingView> embeddings() {
            return Optional.of(this);
        }

        @Override
        public void saveState(Path directory) {
            throw new UnsupportedOperationException("a benchmark model");
        }

        @Override
        public int dimension() {
            return dim;
        }

        @Override
        public float[] itemVectors() {
            return itemVectors;
        }

        @Override
        public void query(int user, int[] history, float[] out) {
            java.util.Arrays.fill(out, 0, dim, 0);
            if (user >= 0) {
                System.arraycopy(userVectors, user * dim, out, 0, dim);
            }
            for (int h : history) {
                for (int k = 0; k < dim; k++) {
                    out[k] += itemVectors[h * dim + k] / history.length;
                }
            }
        }
    }
}

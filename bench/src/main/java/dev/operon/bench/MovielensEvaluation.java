package dev.operon.bench;

import dev.operon.plugins.recommend.model.IdIndex;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.train.BlendTrainer;
import dev.operon.plugins.recommend.train.Evaluator;
import dev.operon.plugins.recommend.train.KindTrainer;
import dev.operon.plugins.recommend.train.ModelSearch;
import dev.operon.plugins.recommend.train.RankingMetrics;
import dev.operon.plugins.recommend.train.Splits;
import dev.operon.plugins.recommend.train.Trainers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recommendation models on MovieLens-100K under RecBole's protocol: every rating is an interaction; each
 * user's ratings are shuffled with a fixed seed and cut 8:1:1 into train, validation and test; every model is tuned
 * on validation only (its hyper-parameter grid and early stopping), then ranks all items for each test user with
 * the user's train and validation items excluded. Recall@10, MRR@10, NDCG@10 and Hit@10 per model, against
 * RecBole's published BPR (NDCG@10 0.292, Recall@10 0.2523, Hit@10 0.7953). Then the sequential protocol
 * (leave-one-out by time, full ranking): the Transformer against popularity and BPR. In-process (no server): the
 * plugin's own trainers, as {@code recommend.train} and {@code operon recommend offline} use them.
 *
 * <p>Options: {@code data=/work/shared/data/movielens-100k},
 * {@code models=popularity,item-knn,user-knn,rp3beta,bpr,ease,edlae,slim,ials,mult-vae,mult-dae,recvae,blend,sasrec},
 * {@code sequentialModels=popularity,bpr,sasrec}, {@code seed=2020}, {@code sequential=true}, {@code cli=true},
 * {@code threads=1} (PyTorch intra-op threads), {@code <kind>.<parameter>=<value>} to override a grid value,
 * {@code blendParts=ease,rp3beta,user-knn,popularity} (the blend's parts; default the plugin's),
 * {@code fitTimes=false} (skip fitting the chosen configuration a second time only to time it),
 * {@code validationOnly=true} (tune and report validation only: the test split is not read),
 * {@code stackParts=edlae,rp3beta,...} (a learned re-ranker over these parts, see {@link MovielensStack};
 * {@code models=none} runs it alone).
 */
final class MovielensEvaluation implements Benchmark {

    static final double RECBOLE_BPR_NDCG = 0.292;
    static final double RECBOLE_BPR_RECALL = 0.2523;
    static final double RECBOLE_BPR_HIT = 0.7953;

    private final Workspace workspace;
    private final Options options;

    MovielensEvaluation(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
    }

    @Override
    public Report run() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        // one PyTorch intra-op thread unless told otherwise: on a shared, busy machine more threads than free
        // cores make every operation wait at the pool's barrier
        System.setProperty("ai.djl.pytorch.num_threads", options.text("threads", "1"));
        Path data = options.path("data", Path.of("/work/shared/data/movielens-100k"));
        long seed = Long.parseLong(options.text("seed", "2020"));
        Report report = new Report("movielens", options.all());
        Interactions all = load(data.resolve("u.data"));
        report.note(String.format(Locale.ROOT, "MovieLens-100K: %d users, %d items, %d interactions (%s).",
                all.userCount(), all.itemCount(), all.size(), data));

        Splits.Parts split = Splits.randomPerUser(all, new double[] {0.8, 0.1, 0.1}, seed);
        Interactions train = split.part(0);
        Interactions valid = split.part(1);
        Interactions test = split.part(2);
        report.note(String.format(Locale.ROOT, "Random 8:1:1 split per user, seed %d: %d / %d / %d interactions.",
                seed, train.size(), valid.size(), test.size()));
        Evaluator testEvaluator = new Evaluator(train, test, 10, train, valid);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Map<String, Object>> figures = new LinkedHashMap<>();
        String champion = null;
        double championValidation = Double.NEGATIVE_INFINITY;
        Map<String, Double> testNdcg = new LinkedHashMap<>();
        String modelList = options.text("models",
                "popularity,item-knn,user-knn,rp3beta,bpr,ease,edlae,slim,ials,mult-vae,mult-dae,recvae,blend,sasrec");
        for (ModelKind kind : "none".equals(modelList) ? List.<ModelKind>of() : Trainers.parse(modelList)) {
            KindTrainer.Progress progress = line -> System.err.println("  " + line);
            ModelSearch.Result tuned = ModelSearch.tune(trainer(kind, seed), train, valid, progress);
            RankingMetrics metrics;
            double fitSeconds;
            boolean validationOnly = "true".equals(options.text("validationOnly", "false"));
            try (Recommender model = tuned.model()) {
                // validationOnly=true: a grid exploration that must not read the test split
                metrics = validationOnly ? new RankingMetrics(10) : testEvaluator.evaluate(model);
            }
            // the training time of the chosen configuration alone, fitted again from scratch; the process's CPU
            // seconds too, which the other processes on a shared machine do not inflate
            String loadAtFit = Machine.loadAverage();
            double fitCpuSeconds;
            if ("false".equals(options.text("fitTimes", "true"))) {
                fitSeconds = Double.NaN;
                fitCpuSeconds = Double.NaN;
            } else {
                long cpuStarted = processCpuNanos();
                long started = System.nanoTime();
                try (Recommender again = trainer(kind, seed).fit(train, new LinkedHashMap<>(tuned.params()), null,
                        KindTrainer.Progress.none()).model()) {
                    fitSeconds = (System.nanoTime() - started) / 1e9;
                    fitCpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
                }
            }
            double validation = tuned.validation().get("ndcg@10");
            if (validation > championValidation) {
                championValidation = validation;
                champion = kind.id();
            }
            testNdcg.put(kind.id(), metrics.ndcg());
            rows.add(Report.row(kind.id(), Report.num(validation, 4), Report.num(metrics.recall(), 4),
                    Report.num(metrics.mrr(), 4), Report.num(metrics.ndcg(), 4), Report.num(metrics.hit(), 4),
                    tuned.params().toString(), Report.num(tuned.seconds(), 1), Report.num(fitSeconds, 1),
                    Report.num(fitCpuSeconds, 1), loadAtFit));
            Map<String, Object> f = new LinkedHashMap<>(metrics.asMap());
            f.put("validation_ndcg@10", validation);
            f.put("params", tuned.params());
            f.put("search_seconds", tuned.seconds());
            f.put("fit_seconds", fitSeconds);
            f.put("fit_cpu_seconds", fitCpuSeconds);
            f.put("load_at_fit", loadAtFit);
            figures.put(kind.id(), f);
            System.err.printf(Locale.ROOT, "%s: test %s (search %.1f s, fit %.1f s, %.1f CPU s, load %s)%n",
                    kind.id(), metrics.asMap(), tuned.seconds(), fitSeconds, fitCpuSeconds, loadAtFit);
        }
        rows.add(Report.row("RecBole BPR (published)", "", Report.num(RECBOLE_BPR_RECALL, 4), "",
                Report.num(RECBOLE_BPR_NDCG, 4), Report.num(RECBOLE_BPR_HIT, 4), "", "", "", "", ""));
        report.table("RecBole protocol (random 8:1:1, full ranking, test split)", List.of("model",
                "validation NDCG@10", "Recall@10", "MRR@10", "NDCG@10", "Hit@10", "chosen on validation",
                "search s", "fit s", "fit CPU s", "load at fit"), rows);
        report.put("random", figures);
        if (champion != null) {
            double championTest = testNdcg.get(champion);
            report.note(String.format(Locale.ROOT, "Champion (best validation NDCG@10): %s, test NDCG@10 %.4f"
                    + " (target >= 0.37: %s).", champion, championTest, championTest >= 0.37 ? "pass" : "FAIL"));
            Double ease = testNdcg.get("ease");
            if (ease != null) {
                report.note(String.format(Locale.ROOT, "Champion / EASE on test NDCG@10: %.3f (target >= 1.05: %s).",
                        championTest / ease, championTest / ease >= 1.05 ? "pass" : "FAIL"));
            }
            report.put("champion", champion);
        }
        if (!options.text("stackParts", "").isBlank()) {
            new MovielensStack(options, seed).run(train, valid, test, report);
        }
        if (!"false".equals(options.text("sequential", "true"))) {
            sequential(all, seed, report);
        }
        if (!"false".equals(options.text("cli", "true"))) {
            cli(all, report);
        }
        return report;
    }

    /**
     * {@code operon recommend offline} on all 100,000 ratings (as user,item,timestamp), timed end to end (JVM start
     * included); checks every user got 10 items and none of them is one the user has.
     */
    private void cli(Interactions all, Report report) throws Exception {
        Path dir = workspace.newDataDir("movielens");
        Path train = dir.resolve("ml100k.csv");
        StringBuilder csv = new StringBuilder("user,item,timestamp\n");
        for (int u = 0; u < all.userCount(); u++) {
            int[] items = all.itemsOf(u);
            long[] times = all.timesOf(u);
            for (int k = 0; k < items.length; k++) {
                csv.append(all.users().id(u)).append(',').append(all.items().id(items[k])).append(',')
                        .append(times[k]).append('\n');
            }
        }
        Files.writeString(train, csv);
        Path output = dir.resolve("top10.csv");
        List<String> command = List.of(workspace.repo().resolve("operon").toString(), "recommend", "offline",
                "--train", train.toString(), "--n", "10", "--output", output.toString());
        String loadBefore = Machine.loadAverage();
        long started = System.nanoTime();
        int exit = OfflineCli.run(command, dir.resolve("data"), workspace.log("movielens-cli"));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("operon recommend offline exited with " + exit + ": see "
                    + workspace.log("movielens-cli"));
        }
        Map<String, java.util.Set<String>> lists = new java.util.HashMap<>();
        int seenReturned = 0;
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            lists.computeIfAbsent(f[0], x -> new java.util.HashSet<>()).add(f[1]);
            int u = all.users().indexOf(f[0]);
            int i = all.items().indexOf(f[1]);
            for (int k = 0; k < all.count(u); k++) {
                if (all.itemAt(u, k) == i) {
                    seenReturned++;
                }
            }
        }
        long complete = lists.values().stream().filter(s -> s.size() == 10).count();
        report.table("Offline CLI on all of MovieLens-100K (100,000 interactions, n = 10)", List.of("command",
                "wall s", "users with 10 items", "seen items returned", "load before"), List.of(Report.row(
                "`operon recommend offline --train ml100k.csv --n 10 --output top10.csv`", Report.num(seconds, 1),
                complete + " / " + all.userCount(), seenReturned, loadBefore)));
        report.put("cli_seconds", seconds);
        report.put("cli_seen_items_returned", seenReturned);
    }

    /** Leave-one-out by time: last item test, the one before validation, full ranking. */
    private void sequential(Interactions all, long seed, Report report) throws Exception {
        Splits.Parts split = Splits.leaveLastOut(all, 3);
        Interactions train = split.part(0);
        Interactions valid = split.part(1);
        Interactions test = split.part(2);
        Interactions history = union(train, valid);
        Evaluator testEvaluator = new Evaluator(history, test, 10, history);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Map<String, Object>> figures = new LinkedHashMap<>();
        for (ModelKind kind : Trainers.parse(options.text("sequentialModels", "popularity,bpr,sasrec"))) {
            KindTrainer.Progress progress = line -> System.err.println("  " + line);
            ModelSearch.Result tuned = ModelSearch.tune(trainer(kind, seed), train, valid, progress);
            RankingMetrics metrics;
            try (Recommender model = tuned.model()) {
                metrics = testEvaluator.evaluate(model);
            }
            rows.add(Report.row(kind.id(), Report.num(tuned.validation().get("ndcg@10"), 4),
                    Report.num(metrics.recall(), 4), Report.num(metrics.mrr(), 4), Report.num(metrics.ndcg(), 4),
                    tuned.params().toString(), Report.num(tuned.seconds(), 1)));
            Map<String, Object> f = new LinkedHashMap<>(metrics.asMap());
            f.put("params", tuned.params());
            figures.put(kind.id(), f);
            System.err.printf(Locale.ROOT, "sequential %s: test %s%n", kind.id(), metrics.asMap());
        }
        report.table("Sequential protocol (leave-one-out by time, full ranking; Hit@10 = Recall@10 here)",
                List.of("model", "validation NDCG@10", "Recall@10", "MRR@10", "NDCG@10", "chosen on validation",
                        "search s"), rows);
        report.put("sequential", figures);
    }

    /**
     * The kind's trainer with grid values overridden by options named {@code <kind>.<parameter>}, for example
     * {@code sasrec.epochs=9} (a smaller CPU budget); every override is listed in the report's options.
     */
    private KindTrainer trainer(ModelKind kind, long seed) {
        String blendParts = options.text("blendParts", "");
        KindTrainer base = kind == ModelKind.BLEND && !blendParts.isBlank()
                ? new BlendTrainer(seed, Trainers.parse(blendParts)) : Trainers.of(kind, seed);
        Map<String, Object> overrides = new LinkedHashMap<>();
        options.all().forEach((key, value) -> {
            if (key.startsWith(kind.id() + ".")) {
                overrides.put(key.substring(kind.id().length() + 1), Double.parseDouble(value));
            }
        });
        if (overrides.isEmpty()) {
            return base;
        }
        return new KindTrainer() {
            @Override
            public ModelKind kind() {
                return kind;
            }

            @Override
            public List<Map<String, Object>> grid(Interactions data) {
                return base.grid(data).stream().<Map<String, Object>>map(p -> {
                    Map<String, Object> changed = new LinkedHashMap<>(p);
                    changed.putAll(overrides);
                    return changed;
                }).toList();
            }

            @Override
            public Fitted fit(Interactions data, Map<String, Object> params, Validator validator,
                              Progress progress) throws Exception {
                return base.fit(data, params, validator, progress);
            }
        };
    }

    /** CPU time of this process (all threads), in nanoseconds. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }

    /** Each user's items of both parts (same users and items). */
    static Interactions union(Interactions a, Interactions b) {
        int total = a.size() + b.size();
        int[] user = new int[total];
        int[] item = new int[total];
        float[] weight = new float[total];
        long[] time = new long[total];
        int at = 0;
        for (Interactions part : List.of(a, b)) {
            for (int u = 0; u < part.userCount(); u++) {
                int[] items = part.itemsOf(u);
                float[] weights = part.weightsOf(u);
                long[] times = part.timesOf(u);
                for (int k = 0; k < items.length; k++) {
                    user[at] = u;
                    item[at] = items[k];
                    weight[at] = weights[k];
                    time[at++] = times[k];
                }
            }
        }
        return Interactions.of(a.users(), a.items(), user, item, weight, time);
    }

    /** {@code u.data}: user, item, rating, timestamp separated by tabs; every rating is an interaction. */
    static Interactions load(Path file) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        IdIndex.Builder users = new IdIndex.Builder();
        IdIndex.Builder items = new IdIndex.Builder();
        int n = lines.size();
        int[] user = new int[n];
        int[] item = new int[n];
        float[] weight = new float[n];
        long[] time = new long[n];
        int at = 0;
        for (String line : lines) {
            String[] f = line.strip().split("\t");
            if (f.length < 4) {
                continue;
            }
            user[at] = users.add(f[0]);
            item[at] = items.add(f[1]);
            weight[at] = 1f;
            time[at++] = Long.parseLong(f[3]);
        }
        return Interactions.of(users.build(), items.build(), Arrays.copyOf(user, at), Arrays.copyOf(item, at),
                Arrays.copyOf(weight, at), Arrays.copyOf(time, at));
    }
}

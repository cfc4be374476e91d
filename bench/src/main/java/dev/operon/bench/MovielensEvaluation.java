package dev.operon.bench;

import dev.operon.plugins.recommend.model.IdIndex;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
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
 * <p>Options: {@code data=/work/shared/data/movielens-100k}, {@code models=popularity,item-knn,bpr,ease,sasrec},
 * {@code sequentialModels=popularity,bpr,sasrec}, {@code seed=2020}, {@code sequential=true}.
 */
final class MovielensEvaluation implements Benchmark {

    static final double RECBOLE_BPR_NDCG = 0.292;
    static final double RECBOLE_BPR_RECALL = 0.2523;
    static final double RECBOLE_BPR_HIT = 0.7953;

    private final Options options;

    MovielensEvaluation(Options options) {
        this.options = options;
    }

    @Override
    public Report run() throws Exception {
        System.setProperty("ai.djl.offline", "true");
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
        for (ModelKind kind : Trainers.parse(options.text("models", "popularity,item-knn,bpr,ease,sasrec"))) {
            KindTrainer.Progress progress = line -> System.err.println("  " + line);
            ModelSearch.Result tuned = ModelSearch.tune(Trainers.of(kind, seed), train, valid, progress);
            RankingMetrics metrics;
            double fitSeconds;
            try (Recommender model = tuned.model()) {
                metrics = testEvaluator.evaluate(model);
            }
            // the training time of the chosen configuration alone, fitted again from scratch
            long started = System.nanoTime();
            try (Recommender again = Trainers.of(kind, seed).fit(train, new LinkedHashMap<>(tuned.params()), null,
                    KindTrainer.Progress.none()).model()) {
                fitSeconds = (System.nanoTime() - started) / 1e9;
            }
            double validation = tuned.validation().get("ndcg@10");
            if (validation > championValidation) {
                championValidation = validation;
                champion = kind.id();
            }
            testNdcg.put(kind.id(), metrics.ndcg());
            rows.add(Report.row(kind.id(), Report.num(validation, 4), Report.num(metrics.recall(), 4),
                    Report.num(metrics.mrr(), 4), Report.num(metrics.ndcg(), 4), Report.num(metrics.hit(), 4),
                    tuned.params().toString(), Report.num(tuned.seconds(), 1), Report.num(fitSeconds, 1)));
            Map<String, Object> f = new LinkedHashMap<>(metrics.asMap());
            f.put("validation_ndcg@10", validation);
            f.put("params", tuned.params());
            f.put("search_seconds", tuned.seconds());
            f.put("fit_seconds", fitSeconds);
            figures.put(kind.id(), f);
            System.err.printf(Locale.ROOT, "%s: test %s (search %.1f s, fit %.1f s)%n", kind.id(), metrics.asMap(),
                    tuned.seconds(), fitSeconds);
        }
        rows.add(Report.row("RecBole BPR (published)", "", Report.num(RECBOLE_BPR_RECALL, 4), "",
                Report.num(RECBOLE_BPR_NDCG, 4), Report.num(RECBOLE_BPR_HIT, 4), "", "", ""));
        report.table("RecBole protocol (random 8:1:1, full ranking, test split)", List.of("model",
                "validation NDCG@10", "Recall@10", "MRR@10", "NDCG@10", "Hit@10", "chosen on validation",
                "search s", "fit s"), rows);
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
        if (!"false".equals(options.text("sequential", "true"))) {
            sequential(all, seed, report);
        }
        return report;
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
            ModelSearch.Result tuned = ModelSearch.tune(Trainers.of(kind, seed), train, valid, progress);
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

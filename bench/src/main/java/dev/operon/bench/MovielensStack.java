package dev.operon.bench;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.train.ModelSearch;
import dev.operon.plugins.recommend.train.RankingMetrics;
import dev.operon.plugins.recommend.train.StackedReranker;
import dev.operon.plugins.recommend.train.Trainers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The learned re-ranker on the RecBole split. How each split is used:
 * <ol>
 *   <li>every part is tuned on validation and fitted on <b>train</b> only ({@link ModelSearch#tune});</li>
 *   <li>the re-ranker's own settings (candidates per part, L2) are chosen by 2-fold cross-validation over the
 *       users of the <b>validation</b> split: fitted on one half's validation items, scored (NDCG@10 over the
 *       candidates, train items excluded) on the other half's, and the other way round;</li>
 *   <li>the chosen settings are fitted once more on all users' validation items;</li>
 *   <li>the <b>test</b> split is read once, at the end: each user's candidates are ranked with train and
 *       validation items excluded, the parts still given train items as history.</li>
 * </ol>
 * Options: {@code stackParts}, {@code stack.features=basic,extended}, {@code stack.candidates=50,100}, {@code stack.l2=0.0001,0.001,0.01},
 * {@code stack.negatives=50}, {@code stack.iterations=200}, {@code stack.pairs=equal} ({@code lambda}: pairs weighted as
 * in LambdaRank).
 */
final class MovielensStack {

    private final Options options;
    private final long seed;

    MovielensStack(Options options, long seed) {
        this.options = options;
        this.seed = seed;
    }

    void run(Interactions train, Interactions valid, Interactions test, Report report) throws Exception {
        long cpuStarted = MovielensEvaluation.processCpuNanos();
        List<ModelKind> kinds = Trainers.parse(options.text("stackParts", ""));
        List<Recommender> parts = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        for (ModelKind kind : kinds) {
            ModelSearch.Result tuned = ModelSearch.tune(Trainers.of(kind, seed), train, valid,
                    line -> System.err.println("  " + line));
            parts.add(tuned.model());
            chosen.add(String.format(Locale.ROOT, "%s %s (validation %.4f)", kind.id(), tuned.params(),
                    tuned.validation().get("ndcg@10")));
            System.err.println("stack part " + chosen.get(chosen.size() - 1));
        }
        double partsCpu = (MovielensEvaluation.processCpuNanos() - cpuStarted) / 1e9;
        long stackStarted = MovielensEvaluation.processCpuNanos();
        StackedReranker.PartScores scores = StackedReranker.PartScores.of(parts, train);
        int[] users = IntStream.range(0, valid.userCount()).filter(u -> valid.count(u) > 0).toArray();
        shuffle(users, new Random(seed));
        int[][] folds = {java.util.Arrays.copyOfRange(users, 0, users.length / 2),
                java.util.Arrays.copyOfRange(users, users.length / 2, users.length)};
        int negatives = Integer.parseInt(options.text("stack.negatives", "50"));
        int iterations = Integer.parseInt(options.text("stack.iterations", "200"));
        StackedReranker.Params best = null;
        double bestNdcg = Double.NEGATIVE_INFINITY;
        List<List<String>> cvRows = new ArrayList<>();
        for (String features : options.text("stack.features", "basic,extended").split(",")) {
          for (String c : options.text("stack.candidates", "50,100").split(",")) {
            for (String l2 : options.text("stack.l2", "0.0001,0.001,0.01").split(",")) {
                StackedReranker.Params params = new StackedReranker.Params(Integer.parseInt(c.strip()),
                        Double.parseDouble(l2.strip()), negatives, iterations, "extended".equals(features.strip()),
                        "lambda".equals(options.text("stack.pairs", "equal")));
                RankingMetrics outOfFold = new RankingMetrics(10);
                for (int f = 0; f < 2; f++) {
                    StackedReranker fitted = StackedReranker.fit(scores, folds[f], valid,
                            new Interactions[] {train}, params, seed);
                    outOfFold.merge(fitted.evaluate(scores, folds[1 - f], valid, 10, train));
                }
                System.err.printf(Locale.ROOT, "stack %s: out-of-fold validation %s%n", params, outOfFold.asMap());
                cvRows.add(Report.row(features, params.candidates(), params.l2(), Report.num(outOfFold.ndcg(), 4),
                        Report.num(outOfFold.recall(), 4), Report.num(outOfFold.mrr(), 4)));
                if (outOfFold.ndcg() > bestNdcg) {
                    bestNdcg = outOfFold.ndcg();
                    best = params;
                }
            }
          }
        }
        if (!"false".equals(options.text("stack.compareBlend", "true"))) {
            compareBlend(parts, train, valid, folds, report);
        }
        StackedReranker stack = StackedReranker.fit(scores, users, valid, new Interactions[] {train}, best, seed);
        double stackCpu = (MovielensEvaluation.processCpuNanos() - stackStarted) / 1e9;
        boolean validationOnly = "true".equals(options.text("validationOnly", "false"));
        RankingMetrics metrics = validationOnly ? new RankingMetrics(10)
                : stack.evaluate(scores, IntStream.range(0, test.userCount()).toArray(), test, 10, train, valid);
        List<String> names = StackedReranker.featureNames(parts.size(), best.extended());
        double[] w = stack.weights();
        StringBuilder coefficients = new StringBuilder();
        for (int j = 0; j < w.length; j++) {
            coefficients.append(j == 0 ? "" : ", ").append(names.get(j)).append(' ')
                    .append(String.format(Locale.ROOT, "%.3f", w[j]));
        }
        report.table("Learned re-ranker: settings by 2-fold cross-validation over validation users", List.of(
                "features", "candidates per part", "L2", "out-of-fold NDCG@10", "Recall@10", "MRR@10"), cvRows);
        report.table("Learned re-ranker on the test split (parts fitted on train, re-ranker on validation)",
                List.of("parts (validation-chosen, fitted on train)", "chosen", "out-of-fold validation NDCG@10",
                        "Recall@10", "MRR@10", "NDCG@10", "Hit@10", "parts CPU s", "re-ranker CPU s"),
                List.of(Report.row(String.join("; ", chosen), best, Report.num(bestNdcg, 4),
                        Report.num(metrics.recall(), 4), Report.num(metrics.mrr(), 4), Report.num(metrics.ndcg(), 4),
                        Report.num(metrics.hit(), 4), Report.num(partsCpu, 1), Report.num(stackCpu, 1))));
        report.note("Re-ranker coefficients (standardised features; part m is stackParts' m-th): " + coefficients);
        Map<String, Object> figures = new LinkedHashMap<>(metrics.asMap());
        figures.put("out_of_fold_validation_ndcg@10", bestNdcg);
        figures.put("params", best.toString());
        figures.put("parts", chosen);
        figures.put("coefficients", coefficients.toString());
        report.put("stack", figures);
        System.err.printf(Locale.ROOT, "stack: test %s, chosen %s, coefficients %s%n", metrics.asMap(), best,
                coefficients);
        for (Recommender part : parts) {
            part.close();
        }
    }

    /**
     * The linear blend of the same parts judged the same way as the re-ranker: each part's scores as per-user
     * z-scores (train items left out), weights from {0, 0.1, 0.2, 0.35, 0.5, 0.75, 1} by two passes of coordinate
     * ascent on one half of the validation users, NDCG@10 on the other half, and the other way round. Reads no test.
     */
    private void compareBlend(List<Recommender> parts, Interactions train, Interactions valid, int[][] folds,
                              Report report) {
        int n = train.itemCount();
        int m = parts.size();
        float[][][] z = new float[valid.userCount()][][];
        java.util.Arrays.stream(folds).flatMapToInt(java.util.Arrays::stream).parallel().forEach(u -> {
            java.util.BitSet skip = StackedReranker.excluded(u, n, train);
            float[][] rows = new float[m][n];
            for (int p = 0; p < m; p++) {
                parts.get(p).score(u, train.itemsOf(u), rows[p]);
                double sum = 0;
                double sq = 0;
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (!skip.get(i)) {
                        sum += rows[p][i];
                        sq += (double) rows[p][i] * rows[p][i];
                        count++;
                    }
                }
                double mu = sum / Math.max(count, 1);
                double sd = Math.sqrt(Math.max(sq / Math.max(count, 1) - mu * mu, 0));
                for (int i = 0; i < n; i++) {
                    rows[p][i] = sd > 0 ? (float) ((rows[p][i] - mu) / sd) : 0f;
                }
            }
            z[u] = rows;
        });
        double[] grid = {0, 0.1, 0.2, 0.35, 0.5, 0.75, 1};
        RankingMetrics outOfFold = new RankingMetrics(10);
        List<String> chosenWeights = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            int[] fit = folds[f];
            double[] w = new double[m];
            int bestSingle = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < m; p++) {
                double[] one = new double[m];
                one[p] = 1;
                double score = blendMetrics(z, one, fit, train, valid, n).ndcg();
                if (score > bestScore) {
                    bestScore = score;
                    bestSingle = p;
                }
            }
            w[bestSingle] = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < m; p++) {
                    double keep = w[p];
                    for (double value : grid) {
                        w[p] = value;
                        double score = blendMetrics(z, w, fit, train, valid, n).ndcg();
                        if (score > bestScore + 1e-9) {
                            bestScore = score;
                            keep = value;
                        }
                    }
                    w[p] = keep;
                }
            }
            chosenWeights.add(java.util.Arrays.toString(w));
            outOfFold.merge(blendMetrics(z, w, folds[1 - f], train, valid, n));
        }
        System.err.printf(Locale.ROOT, "linear blend of the same parts: out-of-fold validation %s, weights %s%n",
                outOfFold.asMap(), chosenWeights);
        report.table("Linear blend of the same parts (z-scores), judged like the re-ranker", List.of(
                "weights fitted on fold 1; on fold 2", "out-of-fold NDCG@10", "Recall@10", "MRR@10"), List.of(
                Report.row(String.join("; ", chosenWeights), Report.num(outOfFold.ndcg(), 4),
                        Report.num(outOfFold.recall(), 4), Report.num(outOfFold.mrr(), 4))));
        report.put("blend_out_of_fold_ndcg@10", outOfFold.ndcg());
    }

    private static RankingMetrics blendMetrics(float[][][] z, double[] w, int[] users, Interactions train,
                                               Interactions valid, int n) {
        RankingMetrics total = new RankingMetrics(10);
        java.util.Arrays.stream(users).parallel().filter(u -> valid.count(u) > 0).forEach(u -> {
            float[] blended = new float[n];
            for (int p = 0; p < w.length; p++) {
                if (w[p] != 0) {
                    for (int i = 0; i < n; i++) {
                        blended[i] += (float) (w[p] * z[u][p][i]);
                    }
                }
            }
            java.util.BitSet skip = StackedReranker.excluded(u, n, train);
            int[] ranked = dev.operon.plugins.recommend.model.TopItems.top(blended, n, 10, i -> !skip.get(i));
            java.util.BitSet relevant = StackedReranker.excluded(u, n, valid);
            RankingMetrics one = new RankingMetrics(10);
            one.add(ranked, relevant::get, valid.count(u));
            total.merge(one);
        });
        return total;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.model.TopItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A learned re-ranker over several fitted models (stacking): for each user the candidates are the union of every
 * part's top {@code candidates} items; each (user, candidate) pair is described by every part's per-user z-score
 * and log rank, the item's popularity and the user's activity (and their products with the z-scores), and a linear
 * pairwise model (RankNet's logistic loss on score differences, L2-regularised, each user's pairs weighted to sum
 * to one) orders the candidates. It is fitted on held-out interactions the parts did not see: the parts are fitted
 * on one part of the data, and the held-out items of a later part are the labels.
 *
 * <p>The parts' scores for every user are computed once ({@link PartScores}) and reused by every fit and ranking:
 * only which items are excluded changes between fitting (the parts' own training items) and ranking later.
 */
public final class StackedReranker {

    /**
     * @param candidates each part's top items that enter the candidate set
     * @param l2         weight of the squared norm of the coefficients
     * @param negatives  negatives sampled per positive for the pairwise loss
     * @param iterations full-batch Adam steps
     * @param extended   adds each part's reciprocal rank and the number of parts that rank the item in their top 10
     * @param lambda     weights each pair by the change of the user's NDCG that swapping the two items would make
     *                   at the current scores (LambdaRank), instead of equally
     */
    public record Params(int candidates, double l2, int negatives, int iterations, boolean extended,
                         boolean lambda) {

        /** Pairs weighted equally (RankNet's loss). */
        public Params(int candidates, double l2, int negatives, int iterations, boolean extended) {
            this(candidates, l2, negatives, iterations, extended, false);
        }
    }

    /** Every part's scores of every item for every user, given each user's history. */
    public static final class PartScores {
        final float[][][] scores;
        final float[] logPopularity;
        final float[] logActivity;
        final int items;

        private PartScores(float[][][] scores, float[] logPopularity, float[] logActivity, int items) {
            this.scores = scores;
            this.logPopularity = logPopularity;
            this.logActivity = logActivity;
            this.items = items;
        }

        /** Scores {@code parts} for every user of {@code history} (the items the parts were fitted on). */
        public static PartScores of(List<Recommender> parts, Interactions history) {
            int users = history.userCount();
            int items = history.itemCount();
            float[][][] scores = new float[parts.size()][users][];
            IntStream.range(0, users).parallel().forEach(u -> {
                int[] items0 = history.itemsOf(u);
                for (int m = 0; m < parts.size(); m++) {
                    float[] out = new float[items];
                    parts.get(m).score(u, items0, out);
                    scores[m][u] = out;
                }
            });
            float[] popularity = new float[items];
            float[] activity = new float[users];
            for (int u = 0; u < users; u++) {
                activity[u] = (float) Math.log1p(history.count(u));
                for (int k = 0; k < history.count(u); k++) {
                    popularity[history.itemAt(u, k)]++;
                }
            }
            for (int i = 0; i < items; i++) {
                popularity[i] = (float) Math.log1p(popularity[i]);
            }
            return new PartScores(scores, popularity, activity, items);
        }

        public int parts() {
            return scores.length;
        }
    }

    /** One user's candidates and their feature rows. */
    record Candidates(int[] items, float[][] features) {
    }

    private final Params params;
    private final double[] weights;
    private final double[] mean;
    private final double[] scale;

    private StackedReranker(Params params, double[] weights, double[] mean, double[] scale) {
        this.params = params;
        this.weights = weights;
        this.mean = mean;
        this.scale = scale;
    }

    /** The coefficients, on standardised features (see {@link #featureNames}). */
    public double[] weights() {
        return weights.clone();
    }

    public static List<String> featureNames(int parts, boolean extended) {
        List<String> names = new ArrayList<>();
        for (int m = 0; m < parts; m++) {
            names.add("z" + m);
            names.add("logRank" + m);
            names.add("z" + m + "*activity");
        }
        names.add("popularity");
        names.add("popularity*activity");
        if (extended) {
            for (int m = 0; m < parts; m++) {
                names.add("reciprocalRank" + m);
            }
            names.add("partsWithItemInTop10");
        }
        return names;
    }

    /** The candidates of {@code user} with everything in {@code excluded} left out. */
    static Candidates candidates(PartScores s, int user, BitSet excluded, int perPart, boolean extended) {
        int n = s.items;
        int parts = s.parts();
        float[][] z = new float[parts][];
        int[][] rank = new int[parts][];
        BitSet chosen = new BitSet(n);
        for (int m = 0; m < parts; m++) {
            float[] raw = s.scores[m][user];
            double sum = 0;
            double sq = 0;
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (!excluded.get(i)) {
                    sum += raw[i];
                    sq += (double) raw[i] * raw[i];
                    count++;
                }
            }
            double mu = count == 0 ? 0 : sum / count;
            double sd = count == 0 ? 1 : Math.sqrt(Math.max(sq / count - mu * mu, 0));
            z[m] = new float[n];
            for (int i = 0; i < n; i++) {
                z[m][i] = sd > 0 ? (float) ((raw[i] - mu) / sd) : 0f;
            }
            int[] order = TopItems.top(raw, n, n, i -> !excluded.get(i));
            rank[m] = new int[n];
            Arrays.fill(rank[m], n);
            for (int r = 0; r < order.length; r++) {
                rank[m][order[r]] = r;
                if (r < perPart) {
                    chosen.set(order[r]);
                }
            }
        }
        int[] items = chosen.stream().toArray();
        float activity = s.logActivity[user];
        float[][] features = new float[items.length][];
        for (int c = 0; c < items.length; c++) {
            int i = items[c];
            float[] row = new float[parts * 3 + 2 + (extended ? parts + 1 : 0)];
            for (int m = 0; m < parts; m++) {
                row[m * 3] = z[m][i];
                row[m * 3 + 1] = (float) Math.log1p(rank[m][i]);
                row[m * 3 + 2] = z[m][i] * activity;
            }
            row[parts * 3] = s.logPopularity[i];
            row[parts * 3 + 1] = s.logPopularity[i] * activity;
            if (extended) {
                int inTop = 0;
                for (int m = 0; m < parts; m++) {
                    row[parts * 3 + 2 + m] = 1f / (rank[m][i] + 1);
                    inTop += rank[m][i] < 10 ? 1 : 0;
                }
                row[parts * 4 + 2] = inTop;
            }
            features[c] = row;
        }
        return new Candidates(items, features);
    }

    /** Items excluded for {@code user}: every item of the given parts. */
    public static BitSet excluded(int user, int items, Interactions... parts) {
        BitSet skip = new BitSet(items);
        for (Interactions part : parts) {
            for (int k = 0; k < part.count(user); k++) {
                skip.set(part.itemAt(user, k));
            }
        }
        return skip;
    }

    /**
     * Fits the re-ranker on {@code users}' items in {@code labels}, candidates drawn with {@code excluded} left out.
     */
    public static StackedReranker fit(PartScores s, int[] users, Interactions labels, Interactions[] excluded,
                                      Params params, long seed) {
        List<Candidates> all = new ArrayList<>();
        List<BitSet> positives = new ArrayList<>();
        for (int u : users) {
            if (labels.count(u) == 0) {
                continue;
            }
            Candidates c = candidates(s, u, excluded(u, s.items, excluded), params.candidates(), params.extended());
            BitSet wanted = excluded(u, s.items, labels);
            BitSet pos = new BitSet(c.items().length);
            for (int k = 0; k < c.items().length; k++) {
                if (wanted.get(c.items()[k])) {
                    pos.set(k);
                }
            }
            if (pos.isEmpty() || pos.cardinality() == c.items().length) {
                continue;
            }
            all.add(c);
            positives.add(pos);
        }
        int f = featureNames(s.parts(), params.extended()).size();
        double[] mean = new double[f];
        double[] scale = new double[f];
        long rows = 0;
        for (Candidates c : all) {
            for (float[] row : c.features()) {
                for (int j = 0; j < f; j++) {
                    mean[j] += row[j];
                    scale[j] += (double) row[j] * row[j];
                }
                rows++;
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= Math.max(rows, 1);
            double var = scale[j] / Math.max(rows, 1) - mean[j] * mean[j];
            scale[j] = var > 1e-12 ? Math.sqrt(var) : 1;
        }
        // pairs as differences of standardised rows, each user's pairs weighted to sum to one
        Random random = new Random(seed);
        List<float[]> diffs = new ArrayList<>();
        List<Float> pairWeights = new ArrayList<>();
        List<int[]> pairOf = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            Candidates c = all.get(k);
            BitSet pos = positives.get(k);
            int[] negs = IntStream.range(0, c.items().length).filter(x -> !pos.get(x)).toArray();
            int perPositive = Math.min(params.negatives(), negs.length);
            float w = 1f / (pos.cardinality() * perPositive);
            for (int p = pos.nextSetBit(0); p >= 0; p = pos.nextSetBit(p + 1)) {
                for (int t = 0; t < perPositive; t++) {
                    int q = negs.length == perPositive ? negs[t] : negs[random.nextInt(negs.length)];
                    float[] d = new float[f];
                    for (int j = 0; j < f; j++) {
                        d[j] = (float) ((c.features()[p][j] - c.features()[q][j]) / scale[j]);
                    }
                    diffs.add(d);
                    pairWeights.add(w);
                    pairOf.add(new int[] {k, p, q});
                }
            }
        }
        Lambdas lambdas = params.lambda() ? new Lambdas(all, positives, pairOf, mean, scale) : null;
        double[] w = adam(diffs, pairWeights, f, params, all.size(), lambdas);
        return new StackedReranker(params, w, mean, scale);
    }

    /**
     * LambdaRank's pair weights: at the current coefficients, each user's candidates are ranked, and a pair of a
     * positive p and a negative q weighs {@code |1/log2(2 + rank p) - 1/log2(2 + rank q)| / IDCG} (full-list DCG
     * with binary gains), times the number of sampled pairs per positive it stands for.
     */
    private static final class Lambdas {
        private final List<Candidates> users;
        private final List<BitSet> positives;
        private final List<int[]> pairOf;
        private final double[] mean;
        private final double[] scale;

        Lambdas(List<Candidates> users, List<BitSet> positives, List<int[]> pairOf, double[] mean, double[] scale) {
            this.users = users;
            this.positives = positives;
            this.pairOf = pairOf;
            this.mean = mean;
            this.scale = scale;
        }

        float[] weights(double[] w, List<Float> base) {
            int[][] rankOf = new int[users.size()][];
            double[] idcg = new double[users.size()];
            IntStream.range(0, users.size()).parallel().forEach(k -> {
                float[][] rows = users.get(k).features();
                float[] score = new float[rows.length];
                for (int x = 0; x < rows.length; x++) {
                    double v = 0;
                    for (int j = 0; j < w.length; j++) {
                        v += w[j] * (rows[x][j] - mean[j]) / scale[j];
                    }
                    score[x] = (float) v;
                }
                int[] order = TopItems.top(score, rows.length, rows.length, x -> true);
                int[] rank = new int[rows.length];
                for (int r = 0; r < order.length; r++) {
                    rank[order[r]] = r;
                }
                rankOf[k] = rank;
                double ideal = 0;
                for (int r = 0; r < positives.get(k).cardinality(); r++) {
                    ideal += 1 / log2(2 + r);
                }
                idcg[k] = ideal;
            });
            float[] out = new float[pairOf.size()];
            for (int t = 0; t < out.length; t++) {
                int[] pair = pairOf.get(t);
                int[] rank = rankOf[pair[0]];
                double delta = Math.abs(1 / log2(2 + rank[pair[1]]) - 1 / log2(2 + rank[pair[2]])) / idcg[pair[0]];
                // the base weight is 1 / (positives x negatives per positive); LambdaRank's pairs are not averaged
                out[t] = (float) (delta * base.get(t) * positives.get(pair[0]).cardinality());
            }
            return out;
        }

        private static double log2(double x) {
            return Math.log(x) / Math.log(2);
        }
    }

    /** Minimises the mean over users of the weighted logistic pair loss plus {@code l2 |w|^2}. */
    private static double[] adam(List<float[]> diffs, List<Float> pairWeights, int f, Params params, int users,
                                 Lambdas lambdas) {
        double[] w = new double[f];
        double[] m1 = new double[f];
        double[] m2 = new double[f];
        double rate = 0.05;
        int pairs = diffs.size();
        for (int it = 1; it <= params.iterations(); it++) {
            float[] lambdaWeights = lambdas == null ? null : lambdas.weights(w, pairWeights);
            double[] grad = IntStream.range(0, pairs).parallel().mapToObj(k -> {
                float[] d = diffs.get(k);
                double margin = 0;
                for (int j = 0; j < f; j++) {
                    margin += w[j] * d[j];
                }
                // d/dw log(1 + exp(-margin)) = -sigmoid(-margin) d
                double g = -(lambdaWeights == null ? pairWeights.get(k) : lambdaWeights[k]) / (1 + Math.exp(margin));
                double[] out = new double[f];
                for (int j = 0; j < f; j++) {
                    out[j] = g * d[j];
                }
                return out;
            }).reduce(new double[f], (a, b) -> {
                double[] sum = new double[f];
                for (int j = 0; j < f; j++) {
                    sum[j] = a[j] + b[j];
                }
                return sum;
            });
            for (int j = 0; j < f; j++) {
                double g = grad[j] / Math.max(users, 1) + 2 * params.l2() * w[j];
                m1[j] = 0.9 * m1[j] + 0.1 * g;
                m2[j] = 0.999 * m2[j] + 0.001 * g * g;
                double hat1 = m1[j] / (1 - Math.pow(0.9, it));
                double hat2 = m2[j] / (1 - Math.pow(0.999, it));
                w[j] -= rate * hat1 / (Math.sqrt(hat2) + 1e-8);
            }
        }
        return w;
    }

    /** {@code user}'s top {@code k} items by the re-ranker, items in {@code excluded} left out. */
    public int[] rank(PartScores s, int user, BitSet excluded, int k) {
        Candidates c = candidates(s, user, excluded, params.candidates(), params.extended());
        float[] score = new float[c.items().length];
        for (int x = 0; x < score.length; x++) {
            double v = 0;
            for (int j = 0; j < weights.length; j++) {
                v += weights[j] * (c.features()[x][j] - mean[j]) / scale[j];
            }
            score[x] = (float) v;
        }
        int[] top = TopItems.top(score, score.length, k, x -> true);
        int[] out = new int[top.length];
        for (int x = 0; x < top.length; x++) {
            out[x] = c.items()[top[x]];
        }
        return out;
    }

    /** Ranking metrics at {@code k} of the re-ranker on {@code users}' items in {@code targets}. */
    public RankingMetrics evaluate(PartScores s, int[] users, Interactions targets, int k, Interactions... excluded) {
        RankingMetrics total = new RankingMetrics(k);
        Arrays.stream(users).parallel().filter(u -> targets.count(u) > 0).forEach(u -> {
            int[] ranked = rank(s, u, excluded(u, s.items, excluded), k);
            BitSet relevant = excluded(u, s.items, targets);
            RankingMetrics one = new RankingMetrics(k);
            one.add(ranked, relevant::get, targets.count(u));
            total.merge(one);
        });
        return total;
    }
}

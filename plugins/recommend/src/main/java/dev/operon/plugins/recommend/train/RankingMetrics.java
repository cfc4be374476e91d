package dev.operon.plugins.recommend.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Top-k metrics for one ranked list against a user's held-out items, as RecBole defines them: Recall@k = hits /
 * |relevant|, MRR@k = 1 / rank of the first hit, NDCG@k = DCG / ideal DCG with binary gains, Hit@k = any hit.
 */
public final class RankingMetrics {

    private double recall;
    private double mrr;
    private double ndcg;
    private double hit;
    private int users;
    private final int k;

    public RankingMetrics(int k) {
        this.k = k;
    }

    /** Adds one user: {@code ranked} best first (at least its first k are read), {@code relevant} its targets. */
    public void add(int[] ranked, java.util.function.IntPredicate relevant, int relevantCount) {
        if (relevantCount == 0) {
            return;
        }
        int hits = 0;
        double dcg = 0;
        double reciprocal = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant.test(ranked[r])) {
                hits++;
                dcg += 1 / log2(r + 2);
                if (reciprocal == 0) {
                    reciprocal = 1.0 / (r + 1);
                }
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, relevantCount); r++) {
            ideal += 1 / log2(r + 2);
        }
        recall += (double) hits / relevantCount;
        mrr += reciprocal;
        ndcg += dcg / ideal;
        hit += hits > 0 ? 1 : 0;
        users++;
    }

    /** Adds the per-user sums of another accumulator (same k). */
    public synchronized void merge(RankingMetrics other) {
        recall += other.recall;
        mrr += other.mrr;
        ndcg += other.ndcg;
        hit += other.hit;
        users += other.users;
    }

    public int users() {
        return users;
    }

    public double recall() {
        return users == 0 ? Double.NaN : recall / users;
    }

    public double mrr() {
        return users == 0 ? Double.NaN : mrr / users;
    }

    public double ndcg() {
        return users == 0 ? Double.NaN : ndcg / users;
    }

    public double hit() {
        return users == 0 ? Double.NaN : hit / users;
    }

    /** {@code recall@k}, {@code mrr@k}, {@code ndcg@k}, {@code hit@k}. */
    public Map<String, Double> asMap() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("recall@" + k, recall());
        out.put("mrr@" + k, mrr());
        out.put("ndcg@" + k, ndcg());
        out.put("hit@" + k, hit());
        return out;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

package dev.operon.plugins.behaviour.churn;

import java.util.Arrays;
import java.util.Comparator;

/** Ranking quality of scores against binary labels: ROC-AUC and PR-AUC (average precision). */
public final class RankMetrics {

    private RankMetrics() {
    }

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random negative, ties
     * counting one half. NaN when one class is absent.
     */
    public static double rocAuc(double[] scores, boolean[] labels) {
        Integer[] order = order(scores);
        long positives = 0;
        for (boolean l : labels) {
            positives += l ? 1 : 0;
        }
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        // rank sum of the positives, with mid-ranks for ties (Mann-Whitney U)
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        double u = rankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /**
     * Average precision (the area under the precision-recall curve as scikit-learn's
     * {@code average_precision_score} computes it): the mean of the precision at each positive, taking tied scores
     * as one threshold. NaN without positives.
     */
    public static double prAuc(double[] scores, boolean[] labels) {
        Integer[] order = order(scores);
        long positives = 0;
        for (boolean l : labels) {
            positives += l ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long truePositives = 0;
        long seen = 0;
        double previousRecall = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                seen++;
                truePositives += labels[order[k]] ? 1 : 0;
            }
            double recall = (double) truePositives / positives;
            double precision = (double) truePositives / seen;
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            i = j - 1;
        }
        return ap;
    }

    /** Indices sorted by ascending score. */
    private static Integer[] order(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }
}

package dev.operon.plugins.behaviour.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankMetricsTest {

    @Test
    void rocAucCountsOrderedPairsWithTiesAsHalf() {
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] labels = {false, false, true, true};
        assertEquals(0.75, RankMetrics.rocAuc(scores, labels), 1e-12); // sklearn: 0.75
        assertEquals(0.5, RankMetrics.rocAuc(new double[] {0.5, 0.5}, new boolean[] {true, false}), 1e-12);
        assertTrue(Double.isNaN(RankMetrics.rocAuc(new double[] {1, 2}, new boolean[] {true, true})));
    }

    @Test
    void averagePrecisionMatchesScikitLearn() {
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] labels = {false, false, true, true};
        // sklearn.metrics.average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.8333...
        assertEquals(0.8333333333, RankMetrics.prAuc(scores, labels), 1e-9);
        assertEquals(1.0, RankMetrics.prAuc(new double[] {0.9, 0.1}, new boolean[] {true, false}), 1e-12);
    }
}

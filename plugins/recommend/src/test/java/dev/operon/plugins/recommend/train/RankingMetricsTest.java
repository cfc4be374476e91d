package dev.operon.plugins.recommend.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The four metrics on lists worked out by hand. */
class RankingMetricsTest {

    @Test
    void oneUserWithTwoRelevantItemsAtRanksTwoAndFour() {
        RankingMetrics metrics = new RankingMetrics(10);
        Set<Integer> relevant = Set.of(7, 9);
        metrics.add(new int[] {1, 7, 3, 9, 5}, relevant::contains, 2);
        // recall 2/2; first hit at rank 2; DCG = 1/log2(3) + 1/log2(5), ideal = 1 + 1/log2(3)
        double dcg = 1 / log2(3) + 1 / log2(5);
        double ideal = 1 + 1 / log2(3);
        assertEquals(1.0, metrics.recall(), 1e-12);
        assertEquals(0.5, metrics.mrr(), 1e-12);
        assertEquals(dcg / ideal, metrics.ndcg(), 1e-12);
        assertEquals(1.0, metrics.hit(), 1e-12);
    }

    @Test
    void averagesOverUsersAndCountsMissesAsZero() {
        RankingMetrics metrics = new RankingMetrics(3);
        Set<Integer> first = Set.of(0);
        Set<Integer> second = Set.of(4, 5, 6, 8);
        metrics.add(new int[] {0, 1, 2}, first::contains, 1);
        metrics.add(new int[] {1, 2, 3, 4}, second::contains, 4); // item 4 is at rank 4: outside the top 3
        assertEquals(2, metrics.users());
        assertEquals(0.5, metrics.recall(), 1e-12);
        assertEquals(0.5, metrics.mrr(), 1e-12);
        assertEquals(0.5, metrics.ndcg(), 1e-12);
        assertEquals(0.5, metrics.hit(), 1e-12);
    }

    @Test
    void idealDcgIsCappedAtK() {
        RankingMetrics metrics = new RankingMetrics(2);
        Set<Integer> relevant = Set.of(1, 2, 3, 4, 5);
        metrics.add(new int[] {9, 1}, relevant::contains, 5);
        double expected = (1 / log2(3)) / (1 + 1 / log2(3));
        assertEquals(expected, metrics.ndcg(), 1e-12);
        assertEquals(1 / 5.0, metrics.recall(), 1e-12);
        assertTrue(metrics.asMap().containsKey("ndcg@2"));
    }

    @Test
    void usersWithoutHeldOutItemsAreSkipped() {
        RankingMetrics metrics = new RankingMetrics(10);
        metrics.add(new int[] {1, 2}, i -> false, 0);
        assertEquals(0, metrics.users());
        assertTrue(Double.isNaN(metrics.ndcg()));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

package dev.operon.plugins.recommend.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TopItemsTest {

    @Test
    void bestFirstTiesByLowerIndexAndOnlyAllowedItems() {
        float[] scores = {0.5f, 2f, 2f, -1f, 9f, 3f};
        assertArrayEquals(new int[] {4, 5, 1}, TopItems.top(scores, scores.length, 3, i -> true));
        assertArrayEquals(new int[] {5, 1, 2, 0}, TopItems.top(scores, scores.length, 4, i -> i != 4));
        assertArrayEquals(new int[] {3}, TopItems.top(scores, scores.length, 5, i -> i == 3));
        assertArrayEquals(new int[0], TopItems.top(scores, scores.length, 0, i -> true));
    }

    @Test
    void agreesWithAFullSort() {
        java.util.Random random = new java.util.Random(3);
        float[] scores = new float[500];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextInt(50);
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a])
                : Integer.compare(a, b));
        int[] expected = new int[20];
        for (int i = 0; i < 20; i++) {
            expected[i] = order[i];
        }
        assertArrayEquals(expected, TopItems.top(scores, scores.length, 20, i -> true));
    }
}

package dev.operon.plugins.recommend.model;

import java.util.function.IntPredicate;

/** Picks the best-scored items without sorting everything (a bounded min-heap). */
public final class TopItems {

    private TopItems() {
    }

    /**
     * The indexes of the {@code n} highest scores among the allowed items, best first (ties: lower index first).
     * Fewer when fewer items are allowed.
     */
    public static int[] top(float[] scores, int count, int n, IntPredicate allowed) {
        if (n <= 0) {
            return new int[0];
        }
        int[] heap = new int[n];
        int size = 0;
        for (int i = 0; i < count; i++) {
            if (!allowed.test(i) || Float.isNaN(scores[i])) {
                continue;
            }
            if (size < n) {
                heap[size] = i;
                siftUp(heap, size, scores);
                size++;
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        int[] result = new int[size];
        for (int k = size - 1; k >= 0; k--) {
            result[k] = heap[0];
            heap[0] = heap[k];
            siftDown(heap, k, scores);
        }
        return result;
    }

    /** True when item {@code a} ranks before {@code b}. */
    private static boolean better(int a, int b, float[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    private static void siftUp(int[] heap, int at, float[] scores) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (better(heap[parent], heap[at], scores)) {
                swap(heap, parent, at);
                at = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] heap, int size, float[] scores) {
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            int right = left + 1;
            int worst = at;
            if (left < size && better(heap[worst], heap[left], scores)) {
                worst = left;
            }
            if (right < size && better(heap[worst], heap[right], scores)) {
                worst = right;
            }
            if (worst == at) {
                return;
            }
            swap(heap, at, worst);
            at = worst;
        }
    }

    private static void swap(int[] heap, int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}

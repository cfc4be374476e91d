package dev.operon.plugins.anomaly.detect;

import java.util.Arrays;

/**
 * The last {@code capacity} values kept both in arrival order and sorted, giving the median in O(1) and an update
 * in O(capacity) (a binary search and an array shift, fast for the few hundred values used here).
 */
final class SlidingMedian {

    private final double[] ring;
    private final double[] sorted;
    private int size;
    private int next;

    SlidingMedian(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        ring = new double[capacity];
        sorted = new double[capacity];
    }

    void add(double value) {
        if (size == ring.length) {
            double evicted = ring[next];
            int at = Arrays.binarySearch(sorted, 0, size, evicted);
            System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
            size--;
        }
        ring[next] = value;
        next = (next + 1) % ring.length;
        int at = Arrays.binarySearch(sorted, 0, size, value);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = value;
        size++;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == ring.length;
    }

    double median() {
        if (size == 0) {
            return Double.NaN;
        }
        int mid = size / 2;
        return size % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }

    /** The value at quantile q in [0, 1] (nearest rank). */
    double quantile(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        int at = (int) Math.min(size - 1, Math.max(0, Math.round(q * (size - 1))));
        return sorted[at];
    }

    /** The share of held values greater than or equal to {@code value}. */
    double shareAtLeast(double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (size - lo) / (double) size;
    }

    /**
     * The median absolute deviation around {@code center}: found by merging outwards from the center in the sorted
     * values, O(size / 2) with no allocation.
     */
    double medianAbsoluteDeviation(double center) {
        if (size == 0) {
            return Double.NaN;
        }
        int right = Arrays.binarySearch(sorted, 0, size, center);
        if (right < 0) {
            right = -right - 1;
        }
        int left = right - 1;
        int wanted = size / 2 + 1;
        double last = 0;
        double previous = 0;
        for (int taken = 0; taken < wanted; taken++) {
            double fromLeft = left >= 0 ? center - sorted[left] : Double.POSITIVE_INFINITY;
            double fromRight = right < size ? sorted[right] - center : Double.POSITIVE_INFINITY;
            previous = last;
            if (fromLeft <= fromRight) {
                last = fromLeft;
                left--;
            } else {
                last = fromRight;
                right++;
            }
        }
        return size % 2 == 1 ? last : 0.5 * (previous + last);
    }
}

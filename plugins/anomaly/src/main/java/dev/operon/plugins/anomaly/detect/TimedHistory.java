package dev.operon.plugins.anomaly.detect;

/**
 * The last {@code capacity} observed points (missing ones excluded) in time order, with a lookup of the value
 * nearest to a past time. Points arriving with an older timestamp than the newest are kept out (they would break the
 * time order the lookup relies on).
 */
final class TimedHistory {

    private final long[] times;
    private final double[] values;
    private int size;
    private int start;

    TimedHistory(int capacity) {
        times = new long[capacity];
        values = new double[capacity];
    }

    void add(long time, double value) {
        if (size > 0 && time < newestTime()) {
            return;
        }
        if (size == times.length) {
            times[start] = time;
            values[start] = value;
            start = (start + 1) % times.length;
        } else {
            int at = (start + size) % times.length;
            times[at] = time;
            values[at] = value;
            size++;
        }
    }

    int size() {
        return size;
    }

    long oldestTime() {
        return times[start];
    }

    long newestTime() {
        return times[(start + size - 1) % times.length];
    }

    long time(int i) {
        return times[(start + i) % times.length];
    }

    /** The value observed nearest to {@code time}, if one lies within {@code tolerance}; NaN otherwise. */
    double valueNear(long time, long tolerance) {
        if (size == 0) {
            return Double.NaN;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[(start + mid) % times.length] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int best = lo;
        if (lo > 0 && Math.abs(time(lo - 1) - time) < Math.abs(time(lo) - time)) {
            best = lo - 1;
        }
        return Math.abs(time(best) - time) <= tolerance ? values[(start + best) % times.length] : Double.NaN;
    }
}

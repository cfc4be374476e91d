package dev.operon.plugins.anomaly.detect;

/**
 * The tail probability of a value against the last {@code capacity} values seen: the empirical share of values at
 * least as large inside the body of the distribution, and beyond its 99th percentile an exponential tail fitted to
 * the 90th and 99th percentiles (peaks over a threshold), so values larger than anything seen still get ever smaller
 * probabilities instead of all sharing the smallest rank.
 */
final class EmpiricalTail {

    private static final double LN_10 = Math.log(10.0);

    private final SlidingMedian window;
    private final int warmup;

    EmpiricalTail(int capacity, int warmup) {
        this.window = new SlidingMedian(capacity);
        this.warmup = warmup;
    }

    /** The tail probability of {@code value} against the values before it (1 while warming up), then adds it. */
    double update(double value) {
        double tail = tail(value);
        window.add(value);
        return tail;
    }

    private double tail(double value) {
        int n = window.size();
        if (n < warmup) {
            return 1.0;
        }
        double q90 = window.quantile(0.90);
        double q99 = window.quantile(0.99);
        if (value <= q99) {
            return Math.max(0.01, window.shareAtLeast(value));
        }
        double spread = Math.max(q99 - q90, 1e-9 * (Math.abs(q99) + 1e-9));
        return 0.01 * Math.exp(-(value - q99) * LN_10 / spread);
    }
}

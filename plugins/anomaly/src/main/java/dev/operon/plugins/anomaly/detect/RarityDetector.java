package dev.operon.plugins.anomaly.detect;

/**
 * How rare a feature of the series is in its long history, in either direction: the smaller of the upper tail of
 * the feature and of its negation against the last {@code capacity} feature values, doubled. On the raw value it
 * catches values in a range the series has not visited for a long time (new highs and lows, level shifts to new
 * levels) even when local noise is large; on the mean of the last few points, small sustained shifts; on the change
 * from the previous point, sudden jumps that stay inside the usual range.
 */
final class RarityDetector implements SeriesDetector {

    /** What is compared with its history. */
    enum Feature { VALUE, CHANGE, RECENT_MEAN }

    private static final int RECENT = 6;

    private final Feature feature;
    private final EmpiricalTail high;
    private final EmpiricalTail low;
    private final double[] recent = new double[RECENT];
    private int seen;
    private double previous = Double.NaN;

    RarityDetector(Feature feature, int capacity, int warmup) {
        this.feature = feature;
        high = new EmpiricalTail(capacity, warmup);
        low = new EmpiricalTail(capacity, warmup);
    }

    @Override
    public double score(long timestampMillis, double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        double x = switch (feature) {
            case VALUE -> value;
            case CHANGE -> Double.isNaN(previous) ? Double.NaN : value - previous;
            case RECENT_MEAN -> recentMean(value);
        };
        previous = value;
        if (Double.isNaN(x)) {
            return 0.0;
        }
        double tail = Math.min(high.update(x), low.update(-x));
        return Likelihoods.fromTail(Math.min(1.0, 2.0 * tail));
    }

    private double recentMean(double value) {
        recent[seen % RECENT] = value;
        seen++;
        int n = Math.min(seen, RECENT);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += recent[i];
        }
        return sum / n;
    }
}

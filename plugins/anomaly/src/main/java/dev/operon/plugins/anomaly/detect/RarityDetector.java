package dev.operon.plugins.anomaly.detect;

/**
 * How rare a value is in the series' long history, in either direction: the smaller of the upper tail of the value
 * and of its negation against the last {@code capacity} values, doubled. Catches values in a range the series has
 * not visited for a long time (new highs and lows, level shifts to new levels) even when local noise is large.
 */
final class RarityDetector implements SeriesDetector {

    private final EmpiricalTail high;
    private final EmpiricalTail low;

    RarityDetector(int capacity, int warmup) {
        high = new EmpiricalTail(capacity, warmup);
        low = new EmpiricalTail(capacity, warmup);
    }

    @Override
    public double score(long timestampMillis, double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        double tail = Math.min(high.update(value), low.update(-value));
        return Likelihoods.fromTail(Math.min(1.0, 2.0 * tail));
    }
}

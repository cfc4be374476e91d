package dev.operon.plugins.anomaly.detect;

/**
 * Learning only for the first {@code points} observed points: they teach the inner detector but score 0, because a
 * detector that has seen almost nothing finds almost everything new.
 */
final class WarmUp implements SeriesDetector {

    private final SeriesDetector inner;
    private final int points;
    private int seen;

    WarmUp(SeriesDetector inner, int points) {
        this.inner = inner;
        this.points = points;
    }

    @Override
    public double score(long timestampMillis, double value) {
        double score = inner.score(timestampMillis, value);
        if (Double.isNaN(value)) {
            return 0.0;
        }
        return ++seen <= points ? 0.0 : score;
    }
}

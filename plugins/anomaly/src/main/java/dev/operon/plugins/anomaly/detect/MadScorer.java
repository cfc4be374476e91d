package dev.operon.plugins.anomaly.detect;

/**
 * Robust z-score of a point against the rolling median and MAD of the points before it. A level shift first scores
 * high, then is absorbed as the window fills with the new level; a trend moves the median along with it.
 */
final class MadScorer implements RawScorer {

    /** Raw scores are capped so one extreme point does not blind the calibration for a whole history length. */
    static final double MAX_RAW = 40.0;

    private final SlidingMedian window;
    private final int warmup;

    MadScorer(int windowLength, int warmup) {
        this.window = new SlidingMedian(windowLength);
        this.warmup = warmup;
    }

    @Override
    public double raw(long timestampMillis, double value) {
        if (Double.isNaN(value)) {
            return Double.NaN;
        }
        double raw = Double.NaN;
        if (window.size() >= warmup) {
            double median = window.median();
            raw = Math.min(MAX_RAW, Math.abs(value - median) / RobustScale.of(window, median));
        }
        window.add(value);
        return raw;
    }
}

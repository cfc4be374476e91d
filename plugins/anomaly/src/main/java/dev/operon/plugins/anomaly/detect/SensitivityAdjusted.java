package dev.operon.plugins.anomaly.detect;

/** Wraps a detector and applies {@link DetectorSettings#adjust(double)} to each of its likelihoods. */
final class SensitivityAdjusted implements SeriesDetector {

    private final SeriesDetector inner;
    private final DetectorSettings settings;

    SensitivityAdjusted(SeriesDetector inner, DetectorSettings settings) {
        this.inner = inner;
        this.settings = settings;
    }

    @Override
    public double score(long timestampMillis, double value) {
        return settings.adjust(inner.score(timestampMillis, value));
    }
}

package dev.operon.plugins.anomaly.detect;

/** A single raw scorer calibrated into a likelihood by {@link TailLikelihood}. */
final class CalibratedDetector implements SeriesDetector {

    private final RawScorer scorer;
    private final TailLikelihood calibration;

    CalibratedDetector(RawScorer scorer, TailLikelihood calibration) {
        this.scorer = scorer;
        this.calibration = calibration;
    }

    @Override
    public double score(long timestampMillis, double value) {
        double raw = scorer.raw(timestampMillis, value);
        if (Double.isNaN(raw)) {
            return 0.0;
        }
        return Likelihoods.fromTail(calibration.update(raw));
    }
}

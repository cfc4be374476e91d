package dev.operon.plugins.anomaly.detect;

/**
 * A member calibrated against its own false-positive rate on this series: its likelihood is capped by the rank of
 * that likelihood among its own past ones ({@link EmpiricalTail}), so a member that often calls points rare here
 * (a seasonal residual on a series whose days differ a lot) is discounted accordingly, while one whose alarms are
 * rare keeps its full score.
 */
final class Recalibrated implements SeriesDetector, Abstaining {

    private final SeriesDetector inner;
    private final EmpiricalTail history;

    Recalibrated(SeriesDetector inner, int capacity, int warmup) {
        this.inner = inner;
        this.history = new EmpiricalTail(capacity, warmup);
    }

    @Override
    public double score(long timestampMillis, double value) {
        double likelihood = inner.score(timestampMillis, value);
        if (Double.isNaN(value)) {
            return 0.0;
        }
        double ownTail = history.update(likelihood);
        return Math.min(likelihood, Likelihoods.fromTail(ownTail));
    }

    @Override
    public boolean abstained() {
        return inner instanceof Abstaining a && a.abstained();
    }
}

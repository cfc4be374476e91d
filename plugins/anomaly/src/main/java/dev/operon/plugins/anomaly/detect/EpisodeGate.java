package dev.operon.plugins.anomaly.detect;

/**
 * Reports each anomalous episode once: a point keeps its likelihood only when it is higher than every likelihood of
 * the {@code memory} points before it; otherwise it is damped. A level shift that stays unusual for a while then
 * raises one alert at its start instead of a run of them, which is what an operator (and NAB's scoring, which counts
 * every flagged point after the first as a false positive) wants.
 */
final class EpisodeGate implements SeriesDetector {

    private final SeriesDetector inner;
    private final double[] recent;
    private final double damping;
    private int next;

    EpisodeGate(SeriesDetector inner, int memory, double damping) {
        this.inner = inner;
        this.recent = new double[memory];
        this.damping = damping;
    }

    @Override
    public double score(long timestampMillis, double value) {
        double likelihood = inner.score(timestampMillis, value);
        if (Double.isNaN(value)) {
            return likelihood;
        }
        double previousMax = 0.0;
        for (double r : recent) {
            previousMax = Math.max(previousMax, r);
        }
        recent[next] = likelihood;
        next = (next + 1) % recent.length;
        return likelihood > previousMax ? likelihood : likelihood * damping;
    }
}

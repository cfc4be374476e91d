package dev.operon.plugins.anomaly.detect;

import java.util.List;

/**
 * The highest member score: a point is as anomalous as the member that finds it most so. Meant for members that
 * report sparingly (each its own episodes), so that one member's report is not diluted by the others' silence.
 */
final class Maximum implements SeriesDetector {

    private final List<SeriesDetector> members;

    Maximum(List<SeriesDetector> members) {
        this.members = List.copyOf(members);
    }

    @Override
    public double score(long timestampMillis, double value) {
        double max = 0.0;
        for (SeriesDetector member : members) {
            max = Math.max(max, member.score(timestampMillis, value));
        }
        return Double.isNaN(value) ? 0.0 : max;
    }
}

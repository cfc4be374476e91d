package dev.operon.plugins.anomaly.detect;

import java.util.List;

/**
 * The plain average of member scores. Used where members speak different languages (a tail probability on the
 * logarithmic scale of {@link Likelihoods}, a share of new contexts) and neither should drown the other: a point
 * scores high when both find it unusual, or when one finds it extremely so.
 */
final class Mean implements SeriesDetector {

    private final List<SeriesDetector> members;

    Mean(List<SeriesDetector> members) {
        this.members = List.copyOf(members);
    }

    @Override
    public double score(long timestampMillis, double value) {
        double sum = 0;
        for (SeriesDetector member : members) {
            sum += member.score(timestampMillis, value);
        }
        return Double.isNaN(value) ? 0.0 : sum / members.size();
    }
}

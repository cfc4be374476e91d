package dev.operon.plugins.anomaly.detect;

import java.util.List;

/**
 * Combines member likelihoods into one: the rarest member's tail probability, multiplied by the number of members
 * that had an opinion on the point (a Bonferroni bound, so adding members does not by itself make points look rarer;
 * an {@link Abstaining} member without an opinion is not counted).
 */
final class Ensemble implements SeriesDetector {

    private final List<SeriesDetector> members;

    Ensemble(List<SeriesDetector> members) {
        this.members = List.copyOf(members);
    }

    @Override
    public double score(long timestampMillis, double value) {
        double smallestTail = 1.0;
        int tests = 0;
        for (SeriesDetector member : members) {
            smallestTail = Math.min(smallestTail, Likelihoods.toTail(member.score(timestampMillis, value)));
            if (!(member instanceof Abstaining a && a.abstained())) {
                tests++;
            }
        }
        return Likelihoods.fromTail(Math.min(1.0, smallestTail * Math.max(1, tests)));
    }
}

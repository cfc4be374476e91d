package dev.operon.plugins.anomaly.detect;

/**
 * Turns raw, unbounded anomaly scores into a tail probability: the point's raw score and the short-term average of
 * recent raw scores are each compared with their own recent history ({@link EmpiricalTail}), and the rarer of the
 * two counts (doubled, for having picked the smaller of two). The point alone catches spikes, the average sustained
 * shifts; because each series is compared with its own history, one threshold works for calm and noisy series alike.
 */
final class TailLikelihood {

    private final EmpiricalTail pointTail;
    private final EmpiricalTail averageTail;
    private final double[] recent;
    private int recentSize;
    private int recentNext;
    private double recentSum;

    TailLikelihood(int historyLength, int recentLength, int warmup) {
        pointTail = new EmpiricalTail(historyLength, warmup);
        averageTail = new EmpiricalTail(historyLength, warmup);
        recent = new double[recentLength];
    }

    /** Adds a raw score and returns the tail probability of the current point; 1 during warm-up. */
    double update(double rawScore) {
        if (recentSize == recent.length) {
            recentSum -= recent[recentNext];
        } else {
            recentSize++;
        }
        recent[recentNext] = rawScore;
        recentSum += rawScore;
        recentNext = (recentNext + 1) % recent.length;
        double point = pointTail.update(rawScore);
        double average = averageTail.update(recentSum / recentSize);
        return Math.min(1.0, 2.0 * Math.min(point, average));
    }
}

package dev.operon.plugins.anomaly.detect;

/**
 * Turns raw, unbounded anomaly scores into a tail probability: the point's raw score and the short-term average of
 * recent raw scores are compared with the distribution of raw scores over a long history (mean and standard
 * deviation), and the rarer of the two Gaussian tail probabilities counts. A lone large score is therefore more surprising in a
 * calm series than in one whose raw scores are always noisy, which is what makes one threshold work for every series.
 */
final class TailLikelihood {

    private final double[] history;
    private final double[] recent;
    private int historySize;
    private int historyNext;
    private int recentSize;
    private int recentNext;
    private double historySum;
    private double historySumSquares;
    private double recentSum;
    private final int warmup;

    TailLikelihood(int historyLength, int recentLength, int warmup) {
        history = new double[historyLength];
        recent = new double[recentLength];
        this.warmup = warmup;
    }

    /** Adds a raw score and returns the tail probability of the current point; 1 during warm-up. */
    double update(double rawScore) {
        double tail = 1.0;
        if (recentSize == recent.length) {
            recentSum -= recent[recentNext];
        } else {
            recentSize++;
        }
        recent[recentNext] = rawScore;
        recentSum += rawScore;
        recentNext = (recentNext + 1) % recent.length;
        if (historySize >= warmup) {
            double mean = historySum / historySize;
            double variance = Math.max(0.0, historySumSquares / historySize - mean * mean);
            double std = Math.max(Math.sqrt(variance), 1e-4 + 0.05 * Math.abs(mean));
            // the point alone catches spikes, the recent average catches sustained shifts; 2x for taking the rarer
            double pointTail = Gaussian.upperTail((rawScore - mean) / std);
            double recentTail = Gaussian.upperTail((recentSum / recentSize - mean) / std);
            tail = Math.min(1.0, 2.0 * Math.min(pointTail, recentTail));
        }
        if (historySize == history.length) {
            double evicted = history[historyNext];
            historySum -= evicted;
            historySumSquares -= evicted * evicted;
        } else {
            historySize++;
        }
        history[historyNext] = rawScore;
        historySum += rawScore;
        historySumSquares += rawScore * rawScore;
        historyNext = (historyNext + 1) % history.length;
        return tail;
    }
}

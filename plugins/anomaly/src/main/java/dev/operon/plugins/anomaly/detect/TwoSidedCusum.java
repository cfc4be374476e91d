package dev.operon.plugins.anomaly.detect;

/**
 * Evidence of a sustained shift, accumulated: two one-sided CUSUMs of standardised deviations (one for a rise, one
 * for a fall), {@code S = max(0, S + u - drift)}, each deviation first clipped to {@code +-clip} so that one wild
 * point adds at most {@code clip - drift}. A CUSUM's level is turned into a tail probability with the Brownian
 * approximation of its null distribution: for increments of mean {@code mu} and variance {@code sigma2} (measured on
 * the series' own past deviations), {@code P(S >= h) = exp(-2 (drift - mu) h / sigma2)}. One point far off adds
 * little; several in a row multiply.
 */
final class TwoSidedCusum {

    private final double drift;
    private final double clip;
    private final RunningMoments moments;
    private final int warmup;
    private double rise;
    private double fall;

    TwoSidedCusum(double drift, double clip, int capacity, int warmup) {
        this.drift = drift;
        this.clip = clip;
        this.moments = new RunningMoments(capacity);
        this.warmup = warmup;
    }

    /** Whether enough deviations were seen for the next one to be judged. */
    boolean ready() {
        return moments.size() >= warmup;
    }

    /**
     * Adds a standardised deviation and returns the tail probability of the more extreme of the two CUSUMs (doubled
     * for the two directions), or 1 while fewer than {@code warmup} deviations were seen.
     */
    double update(double deviation) {
        double u = Math.max(-clip, Math.min(clip, deviation));
        boolean ready = ready();
        double mean = moments.mean();
        double variance = moments.variance();
        moments.add(u);
        rise = Math.max(0.0, rise + u - drift);
        fall = Math.max(0.0, fall - u - drift);
        if (!ready) {
            return 1.0;
        }
        double tail = Math.min(tail(rise, drift - mean, variance), tail(fall, drift + mean, variance));
        return Math.min(1.0, 2.0 * tail);
    }

    /** The tail of a CUSUM at {@code level} whose increments drift down by {@code pull} per point. */
    private double tail(double level, double pull, double variance) {
        if (level <= 0.0) {
            return 1.0;
        }
        if (variance <= 0.0) {
            return 0.0; // a series that never deviated, deviating
        }
        return Math.exp(-2.0 * Math.max(0.1 * drift, pull) * level / variance);
    }
}

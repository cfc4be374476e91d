package dev.operon.plugins.anomaly.detect;

/**
 * An online anomaly detector for one series. Points are fed in time order, one call per point; the score of a point
 * depends only on the points fed before it and on itself, so appending later points never changes an earlier score.
 *
 * <p>Not thread-safe: one instance per series, fed by one thread at a time. Instances hold the series' recent
 * history in memory (a few thousand points at most).
 */
public interface SeriesDetector {

    /**
     * Scores the next point of the series.
     *
     * @param timestampMillis the point's time, epoch milliseconds; expected not to decrease (a point older than the
     *                        last one is scored but does not move the detector's clock back)
     * @param value           the observed value; {@link Double#NaN} marks a missing point
     * @return the anomaly likelihood of this point in [0, 1]: near 0 ordinary, near 1 very unlikely under the
     *         behaviour seen so far, on the logarithmic scale of {@link Likelihoods}; 0 for a missing point and
     *         while the detector is still warming up
     */
    double score(long timestampMillis, double value);
}

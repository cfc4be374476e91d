package dev.operon.plugins.anomaly.detect;

/**
 * Reports each anomalous episode once: a point keeps its likelihood only when it is higher than every likelihood of
 * the {@code memory} points before it; otherwise it is damped. A level shift that stays unusual for a while then
 * raises one alert at its start instead of a run of them, which is what an operator (and NAB's scoring, which counts
 * every flagged point after the first as a false positive) wants.
 *
 * <p>Likelihoods saturate (a spike of 300 and one of 900 on a series around 100 are both "rarer than anything seen"),
 * and members that look at a window of points (the mean of the last few values, contexts of the last few levels) keep
 * reacting for a few points after a spike. With the likelihood alone the gate then lets an ordinary point right after
 * a spike through with a higher score than the spike, and hides a much bigger spike that comes within the memory. So
 * the magnitude-aware gate ({@code magnitude = true}) also remembers how far each point lay from the series' robust
 * baseline (the median of the last {@code memory} values):
 *
 * <ul>
 *   <li>a <em>magnitude peak</em>, a point at least {@link #RATIO} times as far from the baseline as any of the
 *       {@code memory} points before it, keeps its likelihood whatever came before (a clearly bigger anomaly is never
 *       hidden by a smaller one);</li>
 *   <li>for the {@link #ECHO} points after a magnitude peak, a point less than 1/{@link #RATIO} as far from the
 *       baseline as the peak is its echo (its window-based evidence comes from the peak, which was reported) and is
 *       damped even when its likelihood is a new high, so the spike itself carries its episode's highest score.</li>
 * </ul>
 *
 * Both use only the points so far; the raw likelihoods are remembered as before, so the echo's likelihood still
 * holds back the weaker points that follow it.
 */
final class EpisodeGate implements SeriesDetector {

    /** How many times farther from the baseline a point must lie to count as clearly bigger. */
    static final double RATIO = 2.0;
    /**
     * Points after a magnitude peak that may echo it: the window of the members that look at several points (the
     * mean of the last 6 values, contexts of the last 6 levels).
     */
    static final int ECHO = 6;

    private final SeriesDetector inner;
    private final double[] recent;
    private final double[] deviations;
    private final SlidingMedian baseline;
    private final double damping;
    private int next;
    private double peakDeviation;
    private int sincePeak = Integer.MAX_VALUE;

    /** The likelihood-only gate. */
    EpisodeGate(SeriesDetector inner, int memory, double damping) {
        this(inner, memory, damping, false);
    }

    EpisodeGate(SeriesDetector inner, int memory, double damping, boolean magnitude) {
        this.inner = inner;
        this.recent = new double[memory];
        this.deviations = magnitude ? new double[memory] : null;
        this.baseline = magnitude ? new SlidingMedian(memory) : null;
        this.damping = damping;
    }

    @Override
    public double score(long timestampMillis, double value) {
        double likelihood = inner.score(timestampMillis, value);
        if (Double.isNaN(value)) {
            return likelihood;
        }
        double previousMax = maxOf(recent);
        recent[next] = likelihood;
        boolean keep = likelihood > previousMax;
        if (baseline != null) {
            keep = magnitudeVerdict(value, keep);
        }
        next = (next + 1) % recent.length;
        return keep ? likelihood : likelihood * damping;
    }

    /** The magnitude-aware verdict on a point whose likelihood alone would give {@code newHigh}. */
    private boolean magnitudeVerdict(double value, boolean newHigh) {
        double deviation = baseline.size() == 0 ? 0.0 : Math.abs(value - baseline.median());
        baseline.add(value);
        double previousDeviation = maxOf(deviations);
        deviations[next] = deviation;
        if (sincePeak < Integer.MAX_VALUE) {
            sincePeak++;
        }
        if (deviation > RATIO * previousDeviation) {
            peakDeviation = deviation;
            sincePeak = 0;
            return true;
        }
        boolean echo = sincePeak <= ECHO && deviation * RATIO < peakDeviation;
        return newHigh && !echo;
    }

    /** The largest of the remembered values (0 for none yet). */
    private static double maxOf(double[] remembered) {
        double max = 0.0;
        for (double r : remembered) {
            max = Math.max(max, r);
        }
        return max;
    }
}

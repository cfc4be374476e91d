package dev.operon.plugins.anomaly.detect;

/**
 * Per-series settings shared by every detector.
 *
 * <p>{@code sensitivity} is the knob the alerting side turns from operator feedback: 1 is the neutral default; above
 * 1 the detector reports points as more anomalous (a point's tail probability t, see {@link Likelihoods}, becomes
 * t / sensitivity, so about
 * {@code sensitivity} times as many points cross a given likelihood threshold), below 1 less so. Valid range
 * [{@value #MIN_SENSITIVITY}, {@value #MAX_SENSITIVITY}].
 *
 * @param sensitivity multiplies how often points cross a likelihood threshold; 1 = neutral
 */
public record DetectorSettings(double sensitivity) {

    /** The lowest accepted sensitivity. */
    public static final double MIN_SENSITIVITY = 0.01;
    /** The highest accepted sensitivity. */
    public static final double MAX_SENSITIVITY = 100.0;

    /** The neutral settings every series starts with. */
    public static final DetectorSettings DEFAULTS = new DetectorSettings(1.0);

    /** Checks the range. */
    public DetectorSettings {
        if (!(sensitivity >= MIN_SENSITIVITY && sensitivity <= MAX_SENSITIVITY)) {
            throw new IllegalArgumentException("sensitivity must be within [" + MIN_SENSITIVITY + ", "
                    + MAX_SENSITIVITY + "], got " + sensitivity);
        }
    }

    /** The same settings with another sensitivity. */
    public DetectorSettings withSensitivity(double newSensitivity) {
        return new DetectorSettings(newSensitivity);
    }

    /** Applies the sensitivity to a likelihood in [0, 1]; identity at sensitivity 1. */
    public double adjust(double likelihood) {
        if (sensitivity == 1.0 || Double.isNaN(likelihood)) {
            return likelihood;
        }
        return Likelihoods.fromTail(Likelihoods.toTail(likelihood) / sensitivity);
    }
}

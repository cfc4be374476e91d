package dev.operon.plugins.anomaly.detect;

/**
 * The one mapping between a tail probability (how likely a point at least this unusual is under the behaviour seen so
 * far) and the anomaly likelihood in [0, 1] that detectors return. The scale is logarithmic, so that very rare points
 * stay distinguishable instead of all rounding to 1: likelihood {@code s} stands for a tail probability of
 * {@code 10^(-DECADES * s)}; 0.5 is one in a hundred thousand, 1 is one in ten billion or rarer.
 */
public final class Likelihoods {

    /** How many powers of ten the range [0, 1] covers. */
    public static final double DECADES = 10.0;

    private static final double SMALLEST_TAIL = Math.pow(10.0, -DECADES);

    private Likelihoods() {
    }

    /** The likelihood for a tail probability in [0, 1]. */
    public static double fromTail(double tail) {
        if (Double.isNaN(tail)) {
            return 0.0;
        }
        double clamped = Math.min(1.0, Math.max(SMALLEST_TAIL, tail));
        return Math.max(0.0, -Math.log10(clamped) / DECADES);
    }

    /** The tail probability a likelihood stands for. */
    public static double toTail(double likelihood) {
        return Math.pow(10.0, -DECADES * Math.min(1.0, Math.max(0.0, likelihood)));
    }
}

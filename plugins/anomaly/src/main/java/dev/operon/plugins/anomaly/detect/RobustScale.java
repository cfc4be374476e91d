package dev.operon.plugins.anomaly.detect;

/** Scale estimates that stay positive on flat or integer-valued windows, where the MAD alone is zero. */
final class RobustScale {

    /** Normal-consistency factor of the MAD. */
    static final double MAD_TO_SIGMA = 1.4826;
    /** Normal-consistency factor of the 10-90 % inter-quantile range. */
    private static final double IQR_80_TO_SIGMA = 1.0 / 2.5631;

    private RobustScale() {
    }

    static double of(SlidingMedian window, double center) {
        double mad = window.medianAbsoluteDeviation(center) * MAD_TO_SIGMA;
        if (mad > 0) {
            return mad;
        }
        double spread = (window.quantile(0.9) - window.quantile(0.1)) * IQR_80_TO_SIGMA;
        if (spread > 0) {
            return spread;
        }
        return 1e-6 * (Math.abs(center) + 1e-3);
    }
}

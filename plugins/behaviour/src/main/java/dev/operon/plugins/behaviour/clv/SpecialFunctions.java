package dev.operon.plugins.behaviour.clv;

/** The few special functions BG/NBD and Gamma-Gamma need, in double precision. */
final class SpecialFunctions {

    private SpecialFunctions() {
    }

    // Lanczos approximation, g = 7, nine coefficients: about 15 significant digits for positive arguments.
    private static final double G = 7;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /** ln Γ(x) for x > 0. */
    static double lnGamma(double x) {
        if (x < 0.5) {
            // reflection: Γ(x) Γ(1 - x) = π / sin(πx)
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + G + 0.5;
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /**
     * The Gaussian hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c > 0, by its power series (which
     * converges there; slowly as z nears 1, hence the generous term limit).
     */
    static double hyp2f1(double a, double b, double c, double z) {
        if (z < 0 || z >= 1 || c <= 0) {
            throw new IllegalArgumentException("hyp2f1 needs 0 <= z < 1 and c > 0: a=" + a + " b=" + b + " c=" + c
                    + " z=" + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < 5_000_000; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.abs(term) <= 1e-16 * Math.abs(sum)) {
                return sum;
            }
        }
        return sum;
    }

    /** ln(e^x + e^y) without overflow. */
    static double logAddExp(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY) {
            return y;
        }
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        double max = Math.max(x, y);
        return max + Math.log1p(Math.exp(-Math.abs(x - y)));
    }
}

package dev.operon.plugins.anomaly.detect;

/** The standard normal distribution's upper tail. */
final class Gaussian {

    private Gaussian() {
    }

    /** P(Z > z) for a standard normal Z, via the complementary error function (absolute error below 1.2e-7). */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2.0));
    }

    /** Complementary error function, Chebyshev fit from Numerical Recipes' erfcc (fractional error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}

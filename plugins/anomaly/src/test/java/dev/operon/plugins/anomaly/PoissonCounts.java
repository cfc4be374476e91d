package dev.operon.plugins.anomaly;

import java.util.Random;

/** Counts drawn from a Poisson distribution (Knuth's product of uniforms), for tests with small hourly counts. */
public final class PoissonCounts {

    private PoissonCounts() {
    }

    public static int draw(double mean, Random random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}

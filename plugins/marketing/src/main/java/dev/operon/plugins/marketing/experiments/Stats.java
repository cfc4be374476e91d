package dev.operon.plugins.marketing.experiments;

import java.util.List;
import java.util.SplittableRandom;

/** The statistics of experiments: two-proportion z-test, Bayesian comparisons with Beta(1, 1) priors, uplift. */
public final class Stats {

    /** Monte Carlo draws for Bayesian probabilities; a fixed seed makes the answer repeatable. */
    static final int DRAWS = 20_000;
    private static final long SEED = 20261130L;

    private Stats() {
    }

    /**
     * Two-proportion z-test of {@code b} against {@code a} with the pooled standard error.
     *
     * @return {z, two-sided p-value}; {0, 1} when either arm is empty or nobody (or everybody) converted
     */
    public static double[] zTest(Tally a, Tally b) {
        if (a.exposed() == 0 || b.exposed() == 0) {
            return new double[] {0, 1};
        }
        double pooled = (double) (a.conversions() + b.conversions()) / (a.exposed() + b.exposed());
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / a.exposed() + 1.0 / b.exposed()));
        if (se == 0) {
            return new double[] {0, 1};
        }
        double z = (b.rate() - a.rate()) / se;
        return new double[] {z, 2 * (1 - normalCdf(Math.abs(z)))};
    }

    /** P(rate of b > rate of a) under independent Beta(1 + conversions, 1 + misses) posteriors. */
    public static double probabilityToBeat(Tally a, Tally b) {
        SplittableRandom random = new SplittableRandom(SEED);
        int wins = 0;
        for (int i = 0; i < DRAWS; i++) {
            double pa = Beta.sample(random, 1 + a.conversions(), 1 + a.exposed() - a.conversions());
            double pb = Beta.sample(random, 1 + b.conversions(), 1 + b.exposed() - b.conversions());
            if (pb > pa) {
                wins++;
            }
        }
        return (double) wins / DRAWS;
    }

    /** For each arm, the posterior probability that its rate is the highest. */
    public static double[] probabilityBest(List<Tally> arms) {
        SplittableRandom random = new SplittableRandom(SEED);
        double[] wins = new double[arms.size()];
        for (int i = 0; i < DRAWS; i++) {
            int best = 0;
            double bestDraw = -1;
            for (int j = 0; j < arms.size(); j++) {
                Tally t = arms.get(j);
                double draw = Beta.sample(random, 1 + t.conversions(), 1 + t.exposed() - t.conversions());
                if (draw > bestDraw) {
                    bestDraw = draw;
                    best = j;
                }
            }
            wins[best]++;
        }
        for (int j = 0; j < wins.length; j++) {
            wins[j] /= DRAWS;
        }
        return wins;
    }

    /**
     * Difference of rates treated minus control with a 95 % Wald confidence interval (unpooled standard error).
     *
     * @return {difference, low, high}
     */
    public static double[] uplift(Tally control, Tally treated) {
        double d = treated.rate() - control.rate();
        if (control.exposed() == 0 || treated.exposed() == 0) {
            return new double[] {d, Double.NaN, Double.NaN};
        }
        double se = Math.sqrt(control.rate() * (1 - control.rate()) / control.exposed()
                + treated.rate() * (1 - treated.rate()) / treated.exposed());
        return new double[] {d, d - 1.959963984540054 * se, d + 1.959963984540054 * se};
    }

    /** The standard normal CDF (Zelen and Severo's approximation 26.2.17, error below 7.5e-8). */
    public static double normalCdf(double x) {
        if (x < 0) {
            return 1 - normalCdf(-x);
        }
        double t = 1 / (1 + 0.2316419 * x);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return 1 - Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * poly;
    }
}

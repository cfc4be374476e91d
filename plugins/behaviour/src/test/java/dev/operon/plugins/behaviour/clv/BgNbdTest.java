package dev.operon.plugins.behaviour.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BG/NBD and Gamma-Gamma recover the parameters of data simulated from them, and predict the future right. */
class BgNbdTest {

    private static final BgNbd TRUE = new BgNbd(0.6, 5.0, 0.7, 2.5);

    /** Draws gamma(shape, scale) by Marsaglia and Tsang. */
    static double gamma(Random random, double shape, double scale) {
        if (shape < 1) {
            return gamma(random, shape + 1, scale) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = Math.pow(1 + c * x, 3);
            if (v > 0 && Math.log(random.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v * scale;
            }
        }
    }

    static double beta(Random random, double a, double b) {
        double x = gamma(random, a, 1);
        return x / (x + gamma(random, b, 1));
    }

    /** One simulated customer: the calibration summary and the purchases in the next {@code future} units. */
    record Simulated(CustomerSummary summary, int futurePurchases) {
    }

    static List<Simulated> simulate(BgNbd model, int customers, double future, long seed) {
        Random random = new Random(seed);
        List<Simulated> out = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            double age = 20 + random.nextInt(20);
            double lambda = gamma(random, model.r(), 1 / model.alpha());
            double p = beta(random, model.a(), model.b());
            double t = 0;
            int x = 0;
            double last = 0;
            int later = 0;
            boolean alive = true;
            while (alive) {
                t += -Math.log(1 - random.nextDouble()) / lambda;
                if (t > age + future) {
                    break;
                }
                if (t <= age) {
                    x++;
                    last = t;
                } else {
                    later++;
                }
                alive = random.nextDouble() >= p; // drops out after a purchase with probability p
            }
            out.add(new Simulated(new CustomerSummary("c" + i, x, last, age, Double.NaN), later));
        }
        return out;
    }

    @Test
    void recoversTheParametersItWasSimulatedFrom() {
        List<CustomerSummary> data = simulate(TRUE, 8000, 0, 11).stream().map(Simulated::summary).toList();
        BgNbd fitted = BgNbd.fit(data);
        assertEquals(TRUE.r(), fitted.r(), 0.15 * TRUE.r(), "r " + fitted);
        assertEquals(TRUE.alpha(), fitted.alpha(), 0.2 * TRUE.alpha(), "alpha " + fitted);
        assertEquals(TRUE.a(), fitted.a(), 0.35 * TRUE.a(), "a " + fitted);
        assertEquals(TRUE.b(), fitted.b(), 0.45 * TRUE.b(), "b " + fitted);
        assertTrue(fitted.logLikelihood(data) >= TRUE.logLikelihood(data), "the fit is a maximum");
    }

    @Test
    void conditionalExpectationsMatchWhatHappensNext() {
        List<Simulated> data = simulate(TRUE, 20000, 10, 12);
        double predicted = 0;
        double actual = 0;
        double predictedActive = 0;
        double actualActive = 0;
        for (Simulated s : data) {
            CustomerSummary c = s.summary();
            double e = TRUE.expectedPurchases(10, c.frequency(), c.recency(), c.age());
            predicted += e;
            actual += s.futurePurchases();
            if (c.frequency() >= 3) {
                predictedActive += e;
                actualActive += s.futurePurchases();
            }
        }
        assertEquals(actual, predicted, 0.05 * actual, "all customers");
        assertEquals(actualActive, predictedActive, 0.08 * actualActive, "customers with 3+ repeat purchases");
    }

    @Test
    void probabilityAliveIsOneWithoutRepeatPurchasesAndFallsWithSilence() {
        assertEquals(1.0, TRUE.probabilityAlive(0, 0, 30), 0);
        double recent = TRUE.probabilityAlive(5, 29, 30);
        double silent = TRUE.probabilityAlive(5, 5, 30);
        assertTrue(recent > silent && silent > 0 && recent < 1, recent + " " + silent);
    }

    @Test
    void gammaGammaRecoversItsParameters() {
        Random random = new Random(13);
        double p = 6;
        double q = 4;
        double v = 15;
        List<CustomerSummary> data = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            int x = 1 + random.nextInt(30); // p shows in how the spread of the mean shrinks with x
            double nu = gamma(random, q, 1 / v);
            double sum = 0;
            for (int k = 0; k < x; k++) {
                sum += gamma(random, p, 1 / nu);
            }
            data.add(new CustomerSummary("c" + i, x, 1, 2, sum / x));
        }
        GammaGamma fitted = GammaGamma.fit(data);
        GammaGamma truth = new GammaGamma(p, q, v);
        double fittedLl = 0;
        double trueLl = 0;
        for (CustomerSummary c : data) {
            fittedLl += fitted.logLikelihood(c.frequency(), c.monetary());
            trueLl += truth.logLikelihood(c.frequency(), c.monetary());
        }
        assertTrue(fittedLl >= trueLl, "the fit is a maximum: " + fittedLl + " < " + trueLl);
        assertEquals(p * v / (q - 1), fitted.p() * fitted.v() / (fitted.q() - 1), 0.03 * p * v / (q - 1));
        assertEquals(p, fitted.p(), 0.15 * p, fitted.toString());
        assertEquals(q, fitted.q(), 0.2 * q, fitted.toString());
        assertEquals(v, fitted.v(), 0.3 * v, fitted.toString());
        // the conditional expectation sits between the population mean and the customer's own mean
        double population = fitted.p() * fitted.v() / (fitted.q() - 1);
        double own = 100;
        double expected = fitted.expectedAverageValue(3, own);
        assertTrue(expected > population && expected < own, expected + " " + population);
        assertEquals(population, fitted.expectedAverageValue(0, 0), 1e-12);
    }
}

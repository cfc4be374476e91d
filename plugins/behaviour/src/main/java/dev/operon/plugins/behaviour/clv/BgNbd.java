package dev.operon.plugins.behaviour.clv;

import static dev.operon.plugins.behaviour.clv.SpecialFunctions.hyp2f1;
import static dev.operon.plugins.behaviour.clv.SpecialFunctions.lnGamma;
import static dev.operon.plugins.behaviour.clv.SpecialFunctions.logAddExp;

import java.util.List;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee, "Counting your customers the easy way", Marketing
 * Science 24(2), 2005): while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each
 * purchase the customer drops out with probability p ~ Beta(a, b).
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha scale of the purchase-rate distribution (in the summary's time unit)
 * @param a     first parameter of the drop-out distribution
 * @param b     second parameter of the drop-out distribution
 */
public record BgNbd(double r, double alpha, double a, double b) {

    /** The log-likelihood of one customer (equation 6 of the paper). */
    public double logLikelihood(double x, double recency, double age) {
        double a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
        double a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + age);
        double a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency)
                : Double.NEGATIVE_INFINITY;
        return a1 + a2 + logAddExp(a3, a4);
    }

    /** The summed log-likelihood of a set of customers. */
    public double logLikelihood(List<CustomerSummary> customers) {
        double sum = 0;
        for (CustomerSummary c : customers) {
            sum += logLikelihood(c.frequency(), c.recency(), c.age());
        }
        return sum;
    }

    /**
     * Fits the four parameters by maximum likelihood: Nelder-Mead with restarts on their logarithms, from a few
     * starting points, keeping the best.
     */
    public static BgNbd fit(List<CustomerSummary> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("no customers to fit");
        }
        double n = customers.size();
        // Identical rows share one likelihood term: fit on the distinct (x, t_x, T) with their counts.
        java.util.Map<List<Double>, Integer> distinct = new java.util.HashMap<>();
        for (CustomerSummary c : customers) {
            distinct.merge(List.of(c.frequency(), c.recency(), c.age()), 1, Integer::sum);
        }
        double[][] rows = new double[distinct.size()][];
        int i = 0;
        for (var e : distinct.entrySet()) {
            rows[i++] = new double[] {e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue()};
        }
        java.util.function.ToDoubleFunction<double[]> negative = theta -> {
            BgNbd model = fromLog(theta);
            double sum = 0;
            for (double[] row : rows) {
                sum += row[3] * model.logLikelihood(row[0], row[1], row[2]);
            }
            return Double.isFinite(sum) ? -sum / n : Double.POSITIVE_INFINITY;
        };
        double meanAge = customers.stream().mapToDouble(CustomerSummary::age).average().orElse(1);
        double[][] starts = {
            {0, 0, 0, 0},
            {0, Math.log(Math.max(1e-3, meanAge / 4)), 0, 0},
            {Math.log(0.5), Math.log(Math.max(1e-3, meanAge)), Math.log(0.5), Math.log(2)},
        };
        NelderMead.Result best = null;
        for (double[] start : starts) {
            NelderMead.Result result = NelderMead.minimise(negative, start, 0.5);
            if (best == null || result.value() < best.value()) {
                best = result;
            }
        }
        return fromLog(best.point());
    }

    /**
     * Why this fit on {@code customers} says little, or null: nobody bought twice, so the model has no purchase rate
     * to learn and expects no purchase from anyone. (Parameters that run very large are not a problem in themselves:
     * r and alpha growing together mean every customer buys at the same rate, a and b growing together that every
     * customer has the same chance to drop out; the predictions are those of that simpler model.)
     */
    public String problem(List<CustomerSummary> customers) {
        if (customers.stream().noneMatch(c -> c.frequency() > 0)) {
            return "no customer made a repeat purchase, so BG/NBD learns no purchase rate and expects none";
        }
        return null;
    }

    private static BgNbd fromLog(double[] theta) {
        return new BgNbd(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
    }

    /**
     * Expected purchases in the next {@code t} time units of a customer with this history (equation 10 of the
     * paper): E[Y(t) | x, t_x, T].
     */
    public double expectedPurchases(double t, double x, double recency, double age) {
        if (t <= 0) {
            return 0;
        }
        double z = t / (alpha + age + t);
        double c = a + b + x - 1;
        double hyp;
        if (c > 0) {
            hyp = hyp2f1(r + x, b + x, c, z);
        } else {
            return Double.NaN;
        }
        double first = (a + b + x - 1) / (a - 1);
        double second = 1 - Math.exp(Math.log(hyp) + (r + x) * Math.log((alpha + age) / (alpha + t + age)));
        double denominator = 1 + (x > 0 ? a / (b + x - 1) * Math.pow((alpha + age) / (alpha + recency), r + x) : 0);
        return first * second / denominator;
    }

    /** The probability that a customer with this history is still alive at the end of the observation period. */
    public double probabilityAlive(double x, double recency, double age) {
        if (x == 0) {
            return 1.0;
        }
        double logOdds = (r + x) * Math.log((alpha + age) / (alpha + recency)) + Math.log(a / (b + x - 1));
        return 1 / (1 + Math.exp(logOdds));
    }
}

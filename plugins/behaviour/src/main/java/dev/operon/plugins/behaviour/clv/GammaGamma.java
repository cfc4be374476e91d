package dev.operon.plugins.behaviour.clv;

import static dev.operon.plugins.behaviour.clv.SpecialFunctions.lnGamma;

import java.util.List;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee, "RFM and CLV: using iso-value curves for
 * customer base analysis", 2005; Colombo and Jiang 1999): a customer's transaction values are Gamma(p, ν) with
 * ν ~ Gamma(q, v) across customers. Fitted, as lifetimes does, on customers with at least one repeat purchase,
 * from their number of repeat purchases x and the mean value of those purchases.
 */
public record GammaGamma(double p, double q, double v) {

    /** Log-likelihood of one customer with {@code x} repeat purchases of mean value {@code m} (x, m > 0). */
    public double logLikelihood(double x, double m) {
        return lnGamma(p * x + q) - lnGamma(p * x) - lnGamma(q) + q * Math.log(v) + (p * x - 1) * Math.log(m)
                + p * x * Math.log(x) - (p * x + q) * Math.log(x * m + v);
    }

    /** Fits p, q and v by maximum likelihood on the customers with frequency > 0 and a positive mean value. */
    public static GammaGamma fit(List<CustomerSummary> customers) {
        List<CustomerSummary> usable = customers.stream()
                .filter(c -> c.frequency() > 0 && c.monetary() > 0).toList();
        if (usable.size() < 3) {
            throw new IllegalArgumentException("Gamma-Gamma needs at least 3 customers with repeat purchases of a"
                    + " positive value; found " + usable.size());
        }
        double n = usable.size();
        java.util.function.ToDoubleFunction<double[]> negative = theta -> {
            GammaGamma model = new GammaGamma(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]));
            double sum = 0;
            for (CustomerSummary c : usable) {
                sum += model.logLikelihood(c.frequency(), c.monetary());
            }
            return Double.isFinite(sum) ? -sum / n : Double.POSITIVE_INFINITY;
        };
        double meanValue = usable.stream().mapToDouble(CustomerSummary::monetary).average().orElse(1);
        double[][] starts = {{0, 0, 0}, {Math.log(2), Math.log(2), Math.log(Math.max(1e-3, meanValue))},
            {Math.log(5), Math.log(3), Math.log(Math.max(1e-3, meanValue / 2))}};
        NelderMead.Result best = null;
        for (double[] start : starts) {
            NelderMead.Result result = NelderMead.minimise(negative, start, 0.5);
            if (best == null || result.value() < best.value()) {
                best = result;
            }
        }
        double[] t = best.point();
        return new GammaGamma(Math.exp(t[0]), Math.exp(t[1]), Math.exp(t[2]));
    }

    /**
     * The expected mean transaction value of a customer with {@code x} repeat purchases of mean {@code m}: a
     * weighted mean of the population mean p v / (q - 1) and the customer's own mean,
     * (p (v + x m)) / (p x + q - 1). For x = 0 it is the population mean. NaN when q ≤ 1 (no finite mean).
     */
    public double expectedAverageValue(double x, double m) {
        if (q <= 1) {
            return Double.NaN;
        }
        double own = x > 0 && m > 0 ? m : 0;
        double count = x > 0 && m > 0 ? x : 0;
        return p * (v + count * own) / (p * count + q - 1);
    }
}

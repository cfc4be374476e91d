package dev.operon.plugins.behaviour.clv;

import java.util.ArrayList;
import java.util.List;

/**
 * BG/NBD, and Gamma-Gamma when values are known, fitted on one set of customers, with each customer's expectations.
 *
 * @param purchases the fitted BG/NBD model
 * @param spend     the fitted Gamma-Gamma model, or null without values
 * @param customers    every customer's expectations, in input order
 * @param spendProblem why Gamma-Gamma was not fitted although values were given (too few repeat buyers), or null
 */
public record ClvFit(BgNbd purchases, GammaGamma spend, List<Prediction> customers, String spendProblem) {

    /**
     * One customer's expectations over the next {@code period} time units.
     *
     * @param id                 the customer
     * @param expectedPurchases  BG/NBD conditional expected purchases
     * @param expectedValue      expected purchases times Gamma-Gamma's conditional expected average value; NaN
     *                           without values
     * @param probabilityAlive   BG/NBD probability that the customer is still active
     * @param expectedAverage    Gamma-Gamma conditional expected value of one purchase; NaN without values
     */
    public record Prediction(String id, double expectedPurchases, double expectedValue, double probabilityAlive,
                             double expectedAverage) {
    }

    /** True when the customers carry values (no NaN monetary value). */
    public static boolean hasValues(List<CustomerSummary> customers) {
        return !customers.isEmpty() && customers.stream().noneMatch(c -> Double.isNaN(c.monetary()));
    }

    /** Fits both models and predicts for every customer over the next {@code period} time units. */
    public static ClvFit fit(List<CustomerSummary> customers, double period) {
        BgNbd purchases = BgNbd.fit(customers);
        GammaGamma spend = null;
        String problem = null;
        if (hasValues(customers)) {
            try {
                spend = GammaGamma.fit(customers);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        List<Prediction> predictions = new ArrayList<>(customers.size());
        for (CustomerSummary c : customers) {
            double expected = purchases.expectedPurchases(period, c.frequency(), c.recency(), c.age());
            double average = spend == null ? Double.NaN : spend.expectedAverageValue(c.frequency(), c.monetary());
            predictions.add(new Prediction(c.id(), expected, expected * average,
                    purchases.probabilityAlive(c.frequency(), c.recency(), c.age()), average));
        }
        return new ClvFit(purchases, spend, List.copyOf(predictions), problem);
    }
}

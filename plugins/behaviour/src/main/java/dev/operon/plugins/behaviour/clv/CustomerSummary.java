package dev.operon.plugins.behaviour.clv;

/**
 * One customer in the lifetimes convention, times in one unit (days, weeks, ...).
 *
 * @param id        the customer's id
 * @param frequency repeat purchases: purchase periods after the first one
 * @param recency   time from the first to the last purchase
 * @param age       {@code T}: time from the first purchase to the end of the observation period
 * @param monetary  mean value of the repeat purchases (0 without any), or NaN when values are unknown
 */
public record CustomerSummary(String id, double frequency, double recency, double age, double monetary) {

    /** Checks the lifetimes invariants; the message says what is wrong. */
    public String problem() {
        if (!(frequency >= 0) || frequency != Math.floor(frequency)) {
            return "frequency must be a whole number >= 0, not " + frequency;
        }
        if (!(recency >= 0)) {
            return "recency must be >= 0, not " + recency;
        }
        if (!(age >= 0)) {
            return "T must be >= 0, not " + age;
        }
        if (recency > age + 1e-9) {
            return "recency (" + recency + ") must not exceed T (" + age + ")";
        }
        if (frequency == 0 && recency != 0) {
            return "recency must be 0 when frequency is 0, not " + recency;
        }
        if (!Double.isNaN(monetary) && monetary < 0) {
            return "monetary_value must be >= 0, not " + monetary;
        }
        return null;
    }
}

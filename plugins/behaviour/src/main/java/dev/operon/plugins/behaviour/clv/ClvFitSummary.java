package dev.operon.plugins.behaviour.clv;

/**
 * What {@code behaviour.clv-fit} did: the fitted parameters (times in days) and how many customers it scored.
 *
 * @param customers profiles with at least one purchase that allow analytics
 * @param repeat    those with repeat purchases (the Gamma-Gamma fit)
 * @param r         BG/NBD r
 * @param alpha     BG/NBD alpha (days)
 * @param a         BG/NBD a
 * @param b         BG/NBD b
 * @param p         Gamma-Gamma p, or null when it could not be fitted
 * @param q         Gamma-Gamma q, or null
 * @param v         Gamma-Gamma v, or null
 */
public record ClvFitSummary(int customers, int repeat, double r, double alpha, double a, double b, Double p,
                            Double q, Double v) {
}

package dev.operon.plugins.marketing.uplift;

/**
 * A predicted uplift.
 *
 * @param uplift  {@code treated - control}: how much a message raises the chance of the goal
 * @param treated predicted probability of the goal with a message
 * @param control predicted probability of the goal without one
 */
public record UpliftScore(double uplift, double treated, double control) {
}

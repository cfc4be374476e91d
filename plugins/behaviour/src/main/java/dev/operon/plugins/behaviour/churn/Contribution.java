package dev.operon.plugins.behaviour.churn;

/**
 * How much one original column moved a score: the score minus the score with that column set to the training
 * average (occlusion against the mean), in probability points. Positive pushes towards churn.
 *
 * @param feature      the column
 * @param value        the row's value of it, as given
 * @param contribution score change it explains
 */
public record Contribution(String feature, String value, double contribution) {
}

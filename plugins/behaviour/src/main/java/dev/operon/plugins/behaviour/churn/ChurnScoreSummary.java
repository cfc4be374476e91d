package dev.operon.plugins.behaviour.churn;

/**
 * What {@code behaviour.churn-score} did.
 *
 * @param modelVersion the champion version that scored
 * @param scored       profiles scored (those allowing analytics)
 * @param meanScore    their mean churn probability
 */
public record ChurnScoreSummary(int modelVersion, int scored, double meanScore) {
}

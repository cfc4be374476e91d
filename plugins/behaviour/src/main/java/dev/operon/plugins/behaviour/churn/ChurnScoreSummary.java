package dev.operon.plugins.behaviour.churn;

/**
 * What {@code behaviour.churn-score} did.
 *
 * @param modelVersion the champion version that scored; null when there was none
 * @param scored       profiles scored (those allowing analytics)
 * @param meanScore    their mean churn probability
 * @param skipped      why nothing was scored, or null
 */
public record ChurnScoreSummary(Integer modelVersion, int scored, double meanScore, String skipped) {

    static ChurnScoreSummary scored(int modelVersion, int scored, double meanScore) {
        return new ChurnScoreSummary(modelVersion, scored, meanScore, null);
    }

    static ChurnScoreSummary skipped(String why) {
        return new ChurnScoreSummary(null, 0, 0, why);
    }
}

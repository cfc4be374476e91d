package dev.operon.plugins.behaviour.churn;

import java.util.List;

/**
 * A churn score with its explanation.
 *
 * @param score       probability of churning within the horizon the model was trained for
 * @param topFeatures the columns that moved the score most, largest first
 */
public record ChurnPrediction(double score, List<Contribution> topFeatures) {

    public ChurnPrediction {
        topFeatures = List.copyOf(topFeatures);
    }
}

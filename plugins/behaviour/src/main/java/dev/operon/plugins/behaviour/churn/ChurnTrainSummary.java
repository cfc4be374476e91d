package dev.operon.plugins.behaviour.churn;

import java.util.List;

/**
 * What {@code behaviour.churn-train} did.
 *
 * @param trainCutoff       features before it, labels in the horizon after it: the training rows
 * @param holdoutCutoff     one horizon later: the holdout rows the metrics are computed on
 * @param trainRows         training profiles
 * @param trainChurned      churned among them
 * @param holdoutRows       holdout profiles
 * @param holdoutChurned    churned among them
 * @param rocAuc            ROC-AUC on the holdout
 * @param prAuc             PR-AUC (average precision) on the holdout
 * @param crossValidatedAuc out-of-fold ROC-AUC inside the training rows
 * @param columns           the columns the model reads
 * @param seconds           training time
 */
public record ChurnTrainSummary(String trainCutoff, String holdoutCutoff, int trainRows, int trainChurned,
                                int holdoutRows, int holdoutChurned, double rocAuc, double prAuc,
                                double crossValidatedAuc, List<String> columns, double seconds) {
}

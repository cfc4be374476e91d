package dev.operon.plugins.recommend.train;

import java.util.List;
import java.util.Map;

/**
 * Output of {@code recommend.train}.
 *
 * @param users        users with feedback in the window
 * @param items        items with feedback
 * @param interactions distinct user-item pairs
 * @param models       one entry per kind trained
 * @param best         the kind with the best validation NDCG@10 in this run
 */
public record TrainSummary(int users, int items, int interactions, List<KindSummary> models, String best) {

    /** One kind's outcome in a training run. */
    public record KindSummary(String kind, Map<String, Double> validation, Map<String, Object> params,
                              double seconds, String skipped) {
    }
}

package dev.operon.core.models;

import java.time.Instant;
import java.util.Map;

/**
 * A model type as {@code GET /api/v1/models} lists it.
 *
 * @param primaryMetric   what promotion compares
 * @param promotionMargin how much a challenger must win by
 * @param versions        how many versions are registered
 * @param champion        the champion, or null when none was trained yet
 */
public record ModelTypeView(String id, String pluginId, String title, String description, Goal primaryMetric,
                            double promotionMargin, long versions, Champion champion) {

    /** The primary metric and its direction. */
    public record Goal(String name, boolean higherIsBetter) {
    }

    /** The champion's version and metrics. */
    public record Champion(int version, Map<String, Double> validationMetrics, Long runId, Instant promotedAt,
                           String promotedBy) {

        static Champion of(RegisteredVersion v) {
            return new Champion(v.version(), v.validationMetrics(), v.runId(), v.promotedAt(), v.promotedBy());
        }
    }
}

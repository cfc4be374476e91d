package dev.operon.sdk.model;

import java.time.Instant;
import java.util.Map;

/**
 * A registered model version, as plugins see it.
 *
 * @param modelType         the model type id
 * @param version           1, 2, ... per model type
 * @param stage             candidate, champion or archived
 * @param validationMetrics the metrics it was registered with
 * @param createdAt         when it was registered
 */
public record ModelVersion(String modelType, int version, Stage stage, Map<String, Double> validationMetrics,
                           Instant createdAt) {

    /** Where a version stands. */
    public enum Stage { CANDIDATE, CHAMPION, ARCHIVED }

    public ModelVersion {
        validationMetrics = Map.copyOf(validationMetrics);
    }
}

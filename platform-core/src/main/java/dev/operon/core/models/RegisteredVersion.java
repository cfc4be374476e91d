package dev.operon.core.models;

import dev.operon.sdk.model.ModelVersion;
import java.time.Instant;
import java.util.Map;

/**
 * A stored model version without its artifact bytes, as the API shows it.
 *
 * @param stage            {@code candidate}, {@code champion} or {@code archived}
 * @param runId            the run that trained it, or null when registered outside a task
 * @param artifactSha256   SHA-256 of the zipped folder, checked whenever a node restores it
 * @param artifactBytes    size of the zipped folder
 * @param promotedBy       who made it champion last ({@code plugin:<id>} for an automatic promotion)
 * @param promotionReason  why it became champion last
 */
public record RegisteredVersion(long id, String pluginId, String modelType, int version, String stage, Long runId,
                                String modelName, Map<String, Object> parameters, Instant dataFrom, Instant dataTo,
                                Map<String, Double> validationMetrics, Map<String, Double> testMetrics,
                                Map<String, String> properties, String artifactSha256, long artifactBytes,
                                Instant createdAt, Instant promotedAt, String promotedBy, String promotionReason,
                                Instant archivedAt) {

    public static final String CANDIDATE = "candidate";
    public static final String CHAMPION = "champion";
    public static final String ARCHIVED = "archived";

    public boolean champion() {
        return CHAMPION.equals(stage);
    }

    /** As plugins see it. */
    public ModelVersion toSdk() {
        return new ModelVersion(modelType, version, ModelVersion.Stage.valueOf(stage.toUpperCase(java.util.Locale.ROOT)),
                validationMetrics, createdAt);
    }
}

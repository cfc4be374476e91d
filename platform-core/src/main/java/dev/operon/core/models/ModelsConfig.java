package dev.operon.core.models;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code operon.core.models.*}: promotion and serving settings (docs/models.md). */
@ConfigMapping(prefix = "operon.core.models")
public interface ModelsConfig {

    /** How much a challenger must beat the champion by on the primary metric (absolute) to be promoted. */
    @WithDefault("0.0")
    double promotionMargin();

    /** Per model type overrides of {@link #promotionMargin()}: {@code promotion-margins."plugin.type"=0.01}. */
    Map<String, Double> promotionMargins();

    /** How often a node checks whether the champions it serves changed (promotions made on other nodes). */
    @WithDefault("2s")
    Duration refreshInterval();

    /** How many predictions of one model type may run at once on this node; default twice the cores. */
    OptionalInt maxPredictors();

    /** Where champions' files are restored; default {@code model-cache} in the data folder. */
    Optional<String> cacheDir();

    /** The margin for {@code modelType}. */
    default double marginFor(String modelType) {
        return promotionMargins().getOrDefault(modelType, promotionMargin());
    }

    /** The predictor limit per model type. */
    default int predictorLimit() {
        return maxPredictors().orElse(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    }
}

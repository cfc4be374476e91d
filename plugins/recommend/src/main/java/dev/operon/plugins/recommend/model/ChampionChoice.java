package dev.operon.plugins.recommend.model;

import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.model.Models;
import java.util.Optional;

/**
 * The plugin's champion across kinds: among the champions of every {@code recommend.<kind>} type, the one with the
 * best validation NDCG@10 (each type's own champion is decided by the platform's promotion rule).
 */
public final class ChampionChoice {

    private ChampionChoice() {
    }

    /** The kind whose champion has the highest validation NDCG@10, if any kind has a champion. */
    public static Optional<ModelKind> best(Models models) {
        ModelKind best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (ModelKind kind : ModelKind.values()) {
            Optional<ModelVersion> champion = models.champion(kind.typeId());
            if (champion.isEmpty()) {
                continue;
            }
            Double value = champion.get().validationMetrics().get(RecommenderModelType.NDCG_10);
            if (value != null && !value.isNaN() && value > bestValue) {
                bestValue = value;
                best = kind;
            }
        }
        return Optional.ofNullable(best);
    }
}

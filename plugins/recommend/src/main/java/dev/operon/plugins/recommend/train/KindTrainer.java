package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import java.util.List;
import java.util.Map;

/** Trains one kind of model: its small hyper-parameter grid and a fit with optional early stopping. */
public interface KindTrainer {

    ModelKind kind();

    /** The hyper-parameter sets to try on {@code data}, most promising first. */
    List<Map<String, Object>> grid(Interactions data);

    /**
     * Fits on {@code data}.
     *
     * @param params    one entry of {@link #grid}, possibly with {@code epochs} fixed by an earlier search
     * @param validator scores a model on validation data (NDCG@10), for early stopping; null to train the given
     *                  number of epochs
     * @param progress  receives a line per epoch or step; may be a no-op
     */
    Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress)
            throws Exception;

    /** A fitted model and the parameters that produced it (with the epochs actually used, when iterative). */
    record Fitted(Recommender model, Map<String, Object> params) {
    }

    /** Validation NDCG@10 of a model. */
    @FunctionalInterface
    interface Validator {
        double ndcg(Recommender model);
    }

    /** Receives progress lines; also the place to check for cancellation. */
    @FunctionalInterface
    interface Progress {
        void step(String line);

        static Progress none() {
            return line -> { };
        }
    }
}

package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.PopularityRecommender;
import java.util.List;
import java.util.Map;

/** Popularity has nothing to tune. */
public final class PopularityTrainer implements KindTrainer {

    @Override
    public ModelKind kind() {
        return ModelKind.POPULARITY;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        return List.of(Map.of());
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress) {
        return new Fitted(PopularityRecommender.train(data), Map.of());
    }
}

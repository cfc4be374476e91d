package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.UserKnnRecommender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * User-kNN ({@link UserKnnRecommender}): nothing to learn but the interactions themselves; the grid is the number
 * of neighbours and the shrinkage.
 */
public final class UserKnnTrainer implements KindTrainer {

    static final int[] KS = {25, 50, 100, 200};
    static final double[] SHRINKS = {0, 10};

    @Override
    public ModelKind kind() {
        return ModelKind.USER_KNN;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        List<Map<String, Object>> grid = new ArrayList<>();
        int maxK = Math.max(1, data.userCount() - 1);
        for (double shrink : SHRINKS) {
            for (int k : KS) {
                if (k <= maxK || k == KS[0]) {
                    grid.add(Map.of("k", Math.min(k, maxK), "shrink", shrink));
                }
            }
        }
        return grid;
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress) {
        int k = HyperParams.integer(params, "k");
        double shrink = HyperParams.number(params, "shrink");
        return new Fitted(UserKnnRecommender.of(data, k, (float) shrink), Map.of("k", k, "shrink", shrink));
    }
}

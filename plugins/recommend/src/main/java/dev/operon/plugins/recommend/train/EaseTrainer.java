package dev.operon.plugins.recommend.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.operon.plugins.recommend.model.EaseRecommender;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import java.util.List;
import java.util.Map;

/**
 * Fits EASE: {@code P = (X'X + lambda I)^-1} by DJL's matrix inverse (PyTorch on the CPU), then
 * {@code B = -P / diag(P)} column by column with a zero diagonal. X holds the interaction weights. The grid is the
 * L2 strength lambda.
 */
public final class EaseTrainer implements KindTrainer {

    static final List<Double> LAMBDAS = List.of(100.0, 250.0, 500.0, 1000.0);
    private final GramMatrix gram = new GramMatrix();

    @Override
    public ModelKind kind() {
        return ModelKind.EASE;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        return LAMBDAS.stream().<Map<String, Object>>map(l -> Map.of("lambda", l)).toList();
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress) {
        double lambda = HyperParams.number(params, "lambda");
        int n = data.itemCount();
        float[] g = gram.of(data);
        float[] b;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray gramMatrix = manager.create(g, new Shape(n, n));
            NDArray regularised = gramMatrix.add(manager.eye(n).mul((float) lambda));
            NDArray p = regularised.inverse();
            NDArray diagonal = p.diagonal();
            NDArray weights = p.div(diagonal.neg().reshape(1, n));
            weights = weights.mul(manager.eye(n).neg().add(1f));
            b = weights.toFloatArray();
        }
        progress.step("ease lambda " + lambda + " fitted on " + n + " items");
        return new Fitted(new EaseRecommender(data.users(), data.items(), b), Map.of("lambda", lambda));
    }
}

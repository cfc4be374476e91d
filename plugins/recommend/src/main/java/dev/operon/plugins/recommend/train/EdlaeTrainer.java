package dev.operon.plugins.recommend.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.operon.plugins.recommend.model.EaseRecommender;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closed-form linear autoencoders trained as if with dropout (Steck, "Autoencoders that don't overfit towards the
 * identity", NeurIPS 2020), with the diagonal constraint relaxed as in Moon et al. (2023):
 * <ul>
 *   <li>dropout with probability p acts as the item-wise L2 penalty {@code Lambda = lambda + p / (1 - p) diag(G)},
 *   {@code G = X'X}: popular items are held back harder than EASE's single lambda does;</li>
 *   <li>{@code P = (G + Lambda)^-1} (DJL's inverse on PyTorch), {@code B = I - P dMat(d)} with
 *   {@code d_i = max(Lambda_ii, (1 - xi) / P_ii)}: the solution whose diagonal is at most xi. xi = 0 is EDLAE
 *   (zero diagonal, EASE with the dropout penalty; p = 0 gives EASE itself), xi = 1 is the unconstrained DLAE.</li>
 * </ul>
 * The diagonal only scores items the user already has; it is stored as zero. The grid is p x lambda x xi.
 */
public final class EdlaeTrainer implements KindTrainer {

    static final double[] DROPOUTS = {0.25, 0.4};
    static final double[] LAMBDAS = {50, 150};
    static final double[] DIAGONAL_BOUNDS = {0, 1};
    private final GramMatrix gram = new GramMatrix();

    @Override
    public ModelKind kind() {
        return ModelKind.EDLAE;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        List<Map<String, Object>> grid = new ArrayList<>();
        for (double p : DROPOUTS) {
            for (double lambda : LAMBDAS) {
                for (double xi : DIAGONAL_BOUNDS) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("dropout", p);
                    entry.put("lambda", lambda);
                    entry.put("diagonal", xi);
                    grid.add(entry);
                }
            }
        }
        return grid;
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress) {
        double p = HyperParams.number(params, "dropout");
        double lambda = HyperParams.number(params, "lambda");
        double xi = HyperParams.number(params, "diagonal");
        if (p < 0 || p >= 1 || lambda < 0 || xi < 0 || xi > 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), lambda >= 0, diagonal in [0, 1]");
        }
        int n = data.itemCount();
        float[] g = gram.of(data);
        float[] penalty = new float[n];
        for (int i = 0; i < n; i++) {
            // at least a tiny ridge so that items nobody has keep the matrix invertible
            penalty[i] = (float) Math.max(1e-3, lambda + p / (1 - p) * g[i * n + i]);
        }
        float[] b;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray regularised = manager.create(g, new Shape(n, n))
                    .add(manager.eye(n).mul(manager.create(penalty).reshape(1, n)));
            NDArray inverse = regularised.inverse();
            NDArray lower = manager.create(penalty);
            NDArray bound = inverse.diagonal().pow(-1).mul((float) (1 - xi));
            NDArray columns = lower.maximum(bound).reshape(1, n);
            NDArray weights = inverse.mul(columns).neg();
            // B = I - P dMat(d); the diagonal (I's ones included) only ever scores what the user has: stored as 0
            weights = weights.mul(manager.eye(n).neg().add(1f));
            b = weights.toFloatArray();
        }
        progress.step("edlae dropout " + p + " lambda " + lambda + " diagonal " + xi + " fitted on " + n + " items");
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("dropout", p);
        used.put("lambda", lambda);
        used.put("diagonal", xi);
        return new Fitted(new EaseRecommender(ModelKind.EDLAE, data.users(), data.items(), b), used);
    }
}

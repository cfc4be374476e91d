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
 * Graph filters on the normalised item-item graph, two kinds written from their papers' descriptions:
 * <ul>
 *   <li>{@link ModelKind#GF_CF} (Shen et al., "How powerful is graph convolution for recommendation?", CIKM 2021):
 *   with {@code R~ = Du^-1/2 R Di^-1/2} and {@code P = R~' R~}, a user's scores are
 *   {@code r P + beta r Di^-1/2 U U' Di^1/2}: a linear low-pass filter plus an ideal low-pass filter that keeps the
 *   top {@code factors} eigenvectors U of P (the top right singular vectors of R~);</li>
 *   <li>{@link ModelKind#BSPM} (Choi et al., "Blurring-sharpening process models for collaborative filtering",
 *   SIGIR 2023): the scores are first blurred by the heat equation {@code ds/dt = s (P - I)} over time
 *   {@code blur} in {@code blurSteps} explicit Euler steps, the ideal filter's output is added ({@code beta}), then
 *   they are sharpened by the reverse process {@code ds/dt = -s P} over time {@code sharpen} in
 *   {@code sharpenSteps} Euler steps. {@code merge} 1 sharpens the blurred and ideal parts together (the paper's
 *   early merge), 0 adds the ideal part after sharpening. One Euler step of time 1 and no sharpening is GF-CF.</li>
 * </ul>
 * Every step is linear in the user's row, so the whole process is one items x items matrix, computed once and served
 * as EASE's weights are ({@link EaseRecommender}). The eigenvectors come from a subspace iteration with a
 * Rayleigh-Ritz step ({@link TopEigen}); they are computed once per data set and shared by the grid's entries.
 */
public final class GraphFilterTrainer implements KindTrainer {

    private final ModelKind kind;
    private Interactions graphOf;
    private Graph graph;

    private GraphFilterTrainer(ModelKind kind) {
        this.kind = kind;
    }

    public static GraphFilterTrainer gfcf() {
        return new GraphFilterTrainer(ModelKind.GF_CF);
    }

    public static GraphFilterTrainer bspm() {
        return new GraphFilterTrainer(ModelKind.BSPM);
    }

    @Override
    public ModelKind kind() {
        return kind;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        List<Map<String, Object>> grid = new ArrayList<>();
        int maxFactors = data.itemCount() - 1;
        if (kind == ModelKind.GF_CF) {
            for (int factors : new int[] {32, 64, 96}) {
                for (double beta : new double[] {0.2, 0.3, 0.5}) {
                    grid.add(entry(1, 1, 0, 1, Math.min(factors, maxFactors), beta, 1));
                }
            }
            return grid;
        }
        for (double sharpen : new double[] {0.5, 0.6, 0.7}) {
            for (double beta : new double[] {0.1, 0.2}) {
                grid.add(entry(1, 1, sharpen, 1, Math.min(32, maxFactors), beta, 1));
            }
        }
        return grid;
    }

    static Map<String, Object> entry(double blur, int blurSteps, double sharpen, int sharpenSteps, int factors,
                                     double beta, int merge) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("blur", blur);
        entry.put("blurSteps", blurSteps);
        entry.put("sharpen", sharpen);
        entry.put("sharpenSteps", sharpenSteps);
        entry.put("factors", factors);
        entry.put("beta", beta);
        entry.put("merge", merge);
        return entry;
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress) {
        double blur = HyperParams.number(params, "blur", 1);
        int blurSteps = HyperParams.integer(params, "blurSteps", 1);
        double sharpen = HyperParams.number(params, "sharpen", 0);
        int sharpenSteps = HyperParams.integer(params, "sharpenSteps", 1);
        int factors = HyperParams.integer(params, "factors", 128);
        double beta = HyperParams.number(params, "beta", 0.3);
        boolean earlyMerge = HyperParams.number(params, "merge", 1) != 0;
        if (blur < 0 || blurSteps < 1 || sharpen < 0 || sharpenSteps < 1 || factors < 0 || beta < 0) {
            throw new IllegalArgumentException("blur, sharpen, factors and beta must be >= 0, steps >= 1");
        }
        int n = data.itemCount();
        Graph g = graph(data, Math.min(factors, Math.max(0, n - 1)));
        float[] weights;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(g.normalised(), new Shape(n, n));
            NDArray eye = manager.eye(n);
            // explicit Euler on ds/dt = s (P - I): s <- s ((1 - h) I + h P), a polynomial in P
            NDArray blurStep = eye.mul((float) (1 - blur / blurSteps)).add(p.mul((float) (blur / blurSteps)));
            NDArray blurred = eye;
            for (int s = 0; s < blurSteps; s++) {
                blurred = blurred.matMul(blurStep);
            }
            NDArray ideal = idealFilter(manager, g, Math.min(factors, g.vectors()), n).mul((float) beta);
            // ds/dt = -s P: s <- s (I - h P)
            NDArray sharpenStep = eye.sub(p.mul((float) (sharpen / sharpenSteps)));
            NDArray sharpening = eye;
            if (sharpen > 0) {
                for (int s = 0; s < sharpenSteps; s++) {
                    sharpening = sharpening.matMul(sharpenStep);
                }
            }
            NDArray total = earlyMerge ? blurred.add(ideal).matMul(sharpening)
                    : blurred.matMul(sharpening).add(ideal);
            weights = total.toFloatArray();
        }
        for (int i = 0; i < n; i++) {
            // the diagonal only scores what the user already has
            weights[i * n + i] = 0f;
        }
        progress.step(kind.id() + " " + params + " fitted on " + n + " items");
        Map<String, Object> used = entry(blur, blurSteps, sharpen, sharpenSteps, factors, beta, earlyMerge ? 1 : 0);
        return new Fitted(new EaseRecommender(kind, data.users(), data.items(), weights), used);
    }

    /** {@code Di^-1/2 U U' Di^1/2}: row i scores column j. */
    private static NDArray idealFilter(NDManager manager, Graph g, int factors, int n) {
        if (factors == 0) {
            return manager.zeros(new Shape(n, n));
        }
        NDArray u = manager.create(g.eigenvectors(), new Shape(n, g.vectors()))
                .get(":, 0:" + factors);
        NDArray projector = u.matMul(u.transpose());
        float[] degree = g.itemDegree();
        float[] left = new float[n];
        float[] right = new float[n];
        for (int i = 0; i < n; i++) {
            left[i] = degree[i] > 0 ? (float) (1 / Math.sqrt(degree[i])) : 0f;
            right[i] = (float) Math.sqrt(degree[i]);
        }
        return projector.mul(manager.create(left).reshape(n, 1)).mul(manager.create(right).reshape(1, n));
    }

    /** The normalised item graph and its top eigenvectors (as many as the largest grid entry asks for). */
    record Graph(float[] normalised, float[] itemDegree, float[] eigenvectors, int vectors) {
    }

    private synchronized Graph graph(Interactions data, int factors) {
        if (graphOf != data || graph.vectors() < factors) {
            int wanted = factors;
            for (Map<String, Object> entry : grid(data)) {
                wanted = Math.max(wanted, HyperParams.integer(entry, "factors", 0));
            }
            wanted = Math.min(wanted, Math.max(0, data.itemCount() - 1));
            float[][] built = normalisedGraph(data);
            float[] vectors = wanted == 0 ? new float[0]
                    : TopEigen.of(built[0], data.itemCount(), wanted, 1L + data.size());
            graph = new Graph(built[0], built[1], vectors, wanted);
            graphOf = data;
        }
        return graph;
    }

    /**
     * {@code P = R~' R~} with {@code R~ = Du^-1/2 R Di^-1/2} (row-major, items x items), and the item degrees
     * (column sums of R). R's entries are the interaction weights.
     */
    static float[][] normalisedGraph(Interactions data) {
        int n = data.itemCount();
        double[] itemDegree = new double[n];
        double[] userDegree = new double[data.userCount()];
        for (int u = 0; u < data.userCount(); u++) {
            for (int k = 0; k < data.count(u); k++) {
                itemDegree[data.itemAt(u, k)] += data.weightAt(u, k);
                userDegree[u] += data.weightAt(u, k);
            }
        }
        double[] p = new double[n * n];
        for (int u = 0; u < data.userCount(); u++) {
            if (userDegree[u] <= 0) {
                continue;
            }
            int count = data.count(u);
            for (int a = 0; a < count; a++) {
                int i = data.itemAt(u, a);
                double wi = data.weightAt(u, a) / userDegree[u];
                int row = i * n;
                for (int b = 0; b < count; b++) {
                    p[row + data.itemAt(u, b)] += wi * data.weightAt(u, b);
                }
            }
        }
        float[] out = new float[n * n];
        float[] degree = new float[n];
        for (int i = 0; i < n; i++) {
            degree[i] = (float) itemDegree[i];
            for (int j = 0; j < n; j++) {
                double scale = itemDegree[i] > 0 && itemDegree[j] > 0 ? Math.sqrt(itemDegree[i] * itemDegree[j]) : 0;
                out[i * n + j] = scale == 0 ? 0f : (float) (p[i * n + j] / scale);
            }
        }
        return new float[][] {out, degree};
    }
}

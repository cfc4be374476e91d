package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.EaseRecommender;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * SLIM (Ning and Karypis, ICDM 2011) with the ElasticNet penalty: for every item j, non-negative weights w over
 * the other items minimising {@code 1/2 |x_j - X w|^2 + l1 |w|_1 + l2/2 |w|^2} with {@code w_j = 0}; the columns
 * together are B, scored like EASE ({@code history . B}). Solved by cyclic coordinate descent on the Gram matrix
 * {@code G = X'X} (the "covariance updates" of Friedman et al. 2010): a coordinate costs O(1) to check and O(items)
 * only when it changes, so a column with few non-zero weights costs little. Columns are independent and solved in
 * parallel. The grid is l1 x l2.
 */
public final class SlimTrainer implements KindTrainer {

    // explored on MovieLens-100K's validation split (l1 0.1-10 x l2 30-300): l2 100 was best for every l1, and
    // l1 0.3 and 1 tied; the shipped grid keeps that neighbourhood
    static final double[] L1 = {0.3, 1, 3};
    static final double[] L2 = {100};
    /** Sweeps over a column stop when no weight moved by more than this (relative to the largest weight). */
    static final double TOLERANCE = 1e-4;
    static final int MAX_SWEEPS = 100;
    private final GramMatrix gram = new GramMatrix();

    @Override
    public ModelKind kind() {
        return ModelKind.SLIM;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        List<Map<String, Object>> grid = new ArrayList<>();
        for (double l2 : L2) {
            for (double l1 : L1) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("l1", l1);
                entry.put("l2", l2);
                grid.add(entry);
            }
        }
        return grid;
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress) {
        double l1 = HyperParams.number(params, "l1");
        double l2 = HyperParams.number(params, "l2");
        if (l1 < 0 || l2 < 0 || l1 + l2 == 0) {
            throw new IllegalArgumentException("l1 and l2 must be >= 0 and not both 0");
        }
        int n = data.itemCount();
        float[] g = gram.of(data);
        float[] b = new float[n * n];
        IntStream.range(0, n).parallel().forEach(j -> solveColumn(g, n, j, l1, l2, b));
        progress.step("slim l1 " + l1 + " l2 " + l2 + " fitted on " + n + " items");
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("l1", l1);
        used.put("l2", l2);
        return new Fitted(new EaseRecommender(ModelKind.SLIM, data.users(), data.items(), b), used);
    }

    /** Column j of B by coordinate descent; writes {@code b[k * n + j]}. */
    static void solveColumn(float[] g, int n, int j, double l1, double l2, float[] b) {
        double[] w = new double[n];
        // gw = G w, kept up to date as weights change
        double[] gw = new double[n];
        int jRow = j * n;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double largestChange = 0;
            double largestWeight = 0;
            for (int k = 0; k < n; k++) {
                if (k == j) {
                    continue;
                }
                int kRow = k * n;
                double gkk = g[kRow + k];
                double old = w[k];
                double rho = g[jRow + k] - gw[k] + gkk * old;
                double now = rho > l1 ? (rho - l1) / (gkk + l2) : 0;
                double delta = now - old;
                if (delta != 0) {
                    w[k] = now;
                    for (int i = 0; i < n; i++) {
                        gw[i] += delta * g[kRow + i];
                    }
                    largestChange = Math.max(largestChange, Math.abs(delta));
                }
                largestWeight = Math.max(largestWeight, now);
            }
            if (largestChange <= TOLERANCE * Math.max(largestWeight, 1e-12)) {
                break;
            }
        }
        for (int k = 0; k < n; k++) {
            b[k * n + j] = (float) w[k];
        }
    }
}

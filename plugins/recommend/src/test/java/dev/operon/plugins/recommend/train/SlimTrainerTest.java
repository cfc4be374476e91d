package dev.operon.plugins.recommend.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Synthetic;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SLIM's coordinate descent against the optimality (KKT) conditions of its ElasticNet problem, computed here from
 * the interactions themselves: for every column j and item k != j, with {@code r_k = x_k . (x_j - X w)}, a positive
 * weight has {@code r_k = l1 + l2 w_k} and a zero weight has {@code r_k <= l1}; the diagonal is zero.
 */
class SlimTrainerTest {

    private static final Interactions DATA = Synthetic.groups(3, 15, 8, 5, 23);

    @Test
    void weightsSatisfyTheElasticNetOptimalityConditions() {
        double l1 = 0.5;
        double l2 = 2;
        int n = DATA.itemCount();
        float[] b = weights(new SlimTrainer().fit(DATA, Map.of("l1", l1, "l2", l2), null,
                KindTrainer.Progress.none()).model());
        double[][] x = dense(DATA);
        int positive = 0;
        for (int j = 0; j < n; j++) {
            assertEquals(0f, b[j * n + j], "diagonal " + j);
            double[] residual = new double[x.length];
            for (int u = 0; u < x.length; u++) {
                double predicted = 0;
                for (int k = 0; k < n; k++) {
                    predicted += x[u][k] * b[k * n + j];
                }
                residual[u] = x[u][j] - predicted;
            }
            for (int k = 0; k < n; k++) {
                if (k == j) {
                    continue;
                }
                double w = b[k * n + j];
                assertTrue(w >= 0, "non-negative B[" + k + "][" + j + "]");
                double r = 0;
                for (int u = 0; u < x.length; u++) {
                    r += x[u][k] * residual[u];
                }
                if (w > 0) {
                    positive++;
                    assertEquals(l1 + l2 * w, r, 1e-2, "stationary B[" + k + "][" + j + "]");
                } else {
                    assertTrue(r <= l1 + 1e-2, "B[" + k + "][" + j + "] = 0 but r = " + r);
                }
            }
        }
        assertTrue(positive > n, "a model that learned something: " + positive + " positive weights");
    }

    @Test
    void largerL1GivesFewerWeights() {
        int loose = nonZero(weights(new SlimTrainer().fit(DATA, Map.of("l1", 0.1, "l2", 1.0), null,
                KindTrainer.Progress.none()).model()));
        int sparse = nonZero(weights(new SlimTrainer().fit(DATA, Map.of("l1", 5.0, "l2", 1.0), null,
                KindTrainer.Progress.none()).model()));
        assertTrue(sparse < loose, sparse + " weights with l1 5 against " + loose + " with l1 0.1");
    }

    @Test
    void outOfRangeParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SlimTrainer().fit(DATA, Map.of("l1", -1.0, "l2",
                1.0), null, KindTrainer.Progress.none()));
        assertThrows(IllegalArgumentException.class, () -> new SlimTrainer().fit(DATA, Map.of("l1", 0.0, "l2",
                0.0), null, KindTrainer.Progress.none()));
    }

    private static int nonZero(float[] b) {
        int count = 0;
        for (float w : b) {
            count += w != 0 ? 1 : 0;
        }
        return count;
    }

    private static double[][] dense(Interactions data) {
        double[][] x = new double[data.userCount()][data.itemCount()];
        for (int u = 0; u < data.userCount(); u++) {
            for (int k = 0; k < data.count(u); k++) {
                x[u][data.itemAt(u, k)] = data.weightAt(u, k);
            }
        }
        return x;
    }

    private static float[] weights(Recommender model) {
        assertEquals(ModelKind.SLIM, model.kind());
        return SimilarityMatrices.dense(model);
    }
}

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
 * The EDLAE family's closed form against the defining equations, solved here in plain Java (Gauss-Jordan) on a
 * small item set: no dropout and a zero diagonal is EASE; a zero diagonal with dropout is EASE under the item-wise
 * penalty; an unconstrained diagonal is DLAE, {@code (G + Lambda) B = G}.
 */
class EdlaeTrainerTest {

    private static final Interactions DATA = Synthetic.groups(3, 12, 6, 4, 17);

    @Test
    void withoutDropoutAndWithAZeroDiagonalItIsEase() throws Exception {
        float[] edlae = weights(new EdlaeTrainer().fit(DATA, Map.of("dropout", 0.0, "lambda", 5.0, "diagonal",
                0.0), null, KindTrainer.Progress.none()).model());
        float[] ease = weights(new EaseTrainer().fit(DATA, Map.of("lambda", 5.0), null,
                KindTrainer.Progress.none()).model());
        for (int k = 0; k < ease.length; k++) {
            assertEquals(ease[k], edlae[k], 1e-4, "entry " + k);
        }
    }

    @Test
    void zeroDiagonalWithDropoutIsEaseUnderTheItemWisePenalty() throws Exception {
        double p = 0.3;
        double lambda = 2;
        int n = DATA.itemCount();
        double[][] g = gram(DATA);
        double[][] a = copy(g);
        for (int i = 0; i < n; i++) {
            a[i][i] += lambda + p / (1 - p) * g[i][i];
        }
        double[][] inverse = invert(a);
        float[] fitted = weights(new EdlaeTrainer().fit(DATA, Map.of("dropout", p, "lambda", lambda, "diagonal",
                0.0), null, KindTrainer.Progress.none()).model());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i == j ? 0 : -inverse[i][j] / inverse[j][j];
                assertEquals(expected, fitted[i * n + j], 1e-4, "B[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void unconstrainedDiagonalSolvesTheDenoisingNormalEquations() throws Exception {
        double p = 0.4;
        double lambda = 1;
        int n = DATA.itemCount();
        double[][] g = gram(DATA);
        float[] fitted = weights(new EdlaeTrainer().fit(DATA, Map.of("dropout", p, "lambda", lambda, "diagonal",
                1.0), null, KindTrainer.Progress.none()).model());
        double[][] penalty = new double[n][n];
        for (int i = 0; i < n; i++) {
            penalty[i][i] = lambda + p / (1 - p) * g[i][i];
        }
        // B = (G + Lambda)^-1 G: its diagonal is stored as zero, so restore it from the same formula first
        double[][] a = copy(g);
        for (int i = 0; i < n; i++) {
            a[i][i] += penalty[i][i];
        }
        double[][] full = ReferenceMath.multiply(invert(a), g);
        double largestOffDiagonal = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    assertEquals(full[i][j], fitted[i * n + j], 1e-4, "B[" + i + "][" + j + "]");
                    largestOffDiagonal = Math.max(largestOffDiagonal, Math.abs(full[i][j]));
                } else {
                    assertEquals(0.0, fitted[i * n + j], 0.0, "the stored diagonal");
                }
            }
        }
        assertTrue(largestOffDiagonal > 1e-3, "a model that learned something");
    }

    @Test
    void outOfRangeParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EdlaeTrainer().fit(DATA, Map.of("dropout", 1.0,
                "lambda", 1.0, "diagonal", 0.0), null, KindTrainer.Progress.none()));
        assertThrows(IllegalArgumentException.class, () -> new EdlaeTrainer().fit(DATA, Map.of("dropout", 0.2,
                "lambda", 1.0, "diagonal", 1.5), null, KindTrainer.Progress.none()));
    }

    /** The item-to-item matrix, read through the model's similarity view. */
    private static float[] weights(Recommender model) {
        assertTrue(model.kind() == ModelKind.EDLAE || model.kind() == ModelKind.EASE);
        return SimilarityMatrices.dense(model);
    }

    private static double[][] gram(Interactions data) {
        int n = data.itemCount();
        double[][] g = new double[n][n];
        for (int u = 0; u < data.userCount(); u++) {
            for (int a = 0; a < data.count(u); a++) {
                for (int b = 0; b < data.count(u); b++) {
                    g[data.itemAt(u, a)][data.itemAt(u, b)] += data.weightAt(u, a) * data.weightAt(u, b);
                }
            }
        }
        return g;
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /** Gauss-Jordan with partial pivoting. */
    private static double[][] invert(double[][] matrix) {
        int n = matrix.length;
        double[][] a = copy(matrix);
        double[][] inverse = new double[n][n];
        for (int i = 0; i < n; i++) {
            inverse[i][i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                pivot = Math.abs(a[r][c]) > Math.abs(a[pivot][c]) ? r : pivot;
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            t = inverse[c];
            inverse[c] = inverse[pivot];
            inverse[pivot] = t;
            double d = a[c][c];
            for (int j = 0; j < n; j++) {
                a[c][j] /= d;
                inverse[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int j = 0; j < n; j++) {
                        a[r][j] -= f * a[c][j];
                        inverse[r][j] -= f * inverse[c][j];
                    }
                }
            }
        }
        return inverse;
    }
}

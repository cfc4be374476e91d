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
 * GF-CF and BSPM against their defining formulas written out here in plain double-precision Java: the normalised
 * item graph {@code P = Di^-1/2 R' Du^-1 R Di^-1/2}, its top eigenvectors by power iteration with deflation, the
 * ideal filter {@code Di^-1/2 U U' Di^1/2}, and the Euler steps of the blurring and sharpening equations.
 */
class GraphFilterTrainerTest {

    private static final Interactions DATA = Synthetic.groups(3, 12, 6, 4, 23);

    @Test
    void topEigenvectorsSolveTheEigenproblemInDescendingOrder() {
        // more items than the subspace iteration's vectors, so that the iteration itself is tested
        Interactions larger = Synthetic.groups(4, 15, 10, 5, 29);
        int n = larger.itemCount();
        float[] p = GraphFilterTrainer.normalisedGraph(larger)[0];
        int m = 3;
        assertTrue(m + TopEigen.EXTRA_VECTORS < n);
        float[] u = TopEigen.of(p, n, m, 7);
        double previous = Double.POSITIVE_INFINITY;
        for (int c = 0; c < m; c++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = u[i * m + c];
            }
            double[] av = times(p, n, v);
            double lambda = dot(v, av);
            assertEquals(1.0, dot(v, v), 1e-4, "unit length");
            for (int i = 0; i < n; i++) {
                assertEquals(lambda * v[i], av[i], 1e-3, "A v = lambda v, vector " + c);
            }
            assertTrue(lambda <= previous + 1e-6, "descending eigenvalues");
            previous = lambda;
        }
        double[][] reference = topEigenvectors(toDouble(p, n), 1);
        assertEquals(Math.abs(dot(reference[0], column(u, n, m, 0))), 1.0, 1e-3, "the largest one is found");
    }

    @Test
    void gfcfIsTheLinearFilterPlusTheIdealLowPassFilter() {
        int n = DATA.itemCount();
        int k = 3;
        double beta = 0.4;
        double[][] p = reference(DATA);
        double[][] ideal = idealFilter(p, k);
        float[] fitted = weights(GraphFilterTrainer.gfcf().fit(DATA, GraphFilterTrainer.entry(1, 1, 0, 1, k, beta,
                1), null, KindTrainer.Progress.none()).model());
        double largest = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i == j ? 0 : p[i][j] + beta * ideal[i][j];
                assertEquals(expected, fitted[i * n + j], 2e-4, "M[" + i + "][" + j + "]");
                largest = Math.max(largest, Math.abs(expected));
            }
        }
        assertTrue(largest > 1e-2, "a model that learned something");
    }

    @Test
    void bspmComposesTheEulerStepsOfBlurringAndSharpening() {
        int n = DATA.itemCount();
        double[][] p = reference(DATA);
        double[][] ideal = idealFilter(p, 3);
        double[][] eye = identity(n);
        // blur 1.5 in 2 steps: ((1 - 0.75) I + 0.75 P)^2; sharpen 0.8 in 2 steps: (I - 0.4 P)^2
        double[][] blurStep = add(scale(eye, 0.25), scale(p, 0.75));
        double[][] sharpenStep = add(eye, scale(p, -0.4));
        double[][] blurred = ReferenceMath.multiply(blurStep, blurStep);
        double[][] sharpening = ReferenceMath.multiply(sharpenStep, sharpenStep);
        double[][] late = add(ReferenceMath.multiply(blurred, sharpening), scale(ideal, 0.2));
        double[][] early = ReferenceMath.multiply(add(blurred, scale(ideal, 0.2)), sharpening);
        for (int merge = 0; merge <= 1; merge++) {
            double[][] expected = merge == 1 ? early : late;
            float[] fitted = weights(GraphFilterTrainer.bspm().fit(DATA, GraphFilterTrainer.entry(1.5, 2, 0.8, 2, 3,
                    0.2, merge), null, KindTrainer.Progress.none()).model());
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(i == j ? 0 : expected[i][j], fitted[i * n + j], 2e-4,
                            "merge " + merge + " M[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void outOfRangeParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GraphFilterTrainer.bspm().fit(DATA,
                GraphFilterTrainer.entry(1, 0, 0, 1, 2, 0.1, 1), null, KindTrainer.Progress.none()));
        assertThrows(IllegalArgumentException.class, () -> GraphFilterTrainer.gfcf().fit(DATA,
                GraphFilterTrainer.entry(1, 1, 0, 1, 2, -1, 1), null, KindTrainer.Progress.none()));
    }

    private static float[] weights(Recommender model) {
        assertTrue(model.kind() == ModelKind.GF_CF || model.kind() == ModelKind.BSPM);
        return SimilarityMatrices.dense(model);
    }

    /** P from its definition: the normalised R, then R~' R~. */
    private static double[][] reference(Interactions data) {
        int n = data.itemCount();
        int users = data.userCount();
        double[][] r = new double[users][n];
        double[] du = new double[users];
        double[] di = new double[n];
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < data.count(u); k++) {
                r[u][data.itemAt(u, k)] += data.weightAt(u, k);
                du[u] += data.weightAt(u, k);
                di[data.itemAt(u, k)] += data.weightAt(u, k);
            }
        }
        double[][] p = new double[n][n];
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (r[u][i] != 0 && r[u][j] != 0) {
                        p[i][j] += r[u][i] / Math.sqrt(du[u] * di[i]) * r[u][j] / Math.sqrt(du[u] * di[j]);
                    }
                }
            }
        }
        return p;
    }

    private static double[][] idealFilter(double[][] p, int k) {
        int n = p.length;
        double[] degree = new double[n];
        for (int u = 0; u < DATA.userCount(); u++) {
            for (int a = 0; a < DATA.count(u); a++) {
                degree[DATA.itemAt(u, a)] += DATA.weightAt(u, a);
            }
        }
        double[][] vectors = topEigenvectors(p, k);
        double[][] out = new double[n][n];
        for (double[] v : vectors) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] += v[i] * v[j] / Math.sqrt(degree[i]) * Math.sqrt(degree[j]);
                }
            }
        }
        return out;
    }

    /** Power iteration with deflation, many iterations (a small matrix). */
    private static double[][] topEigenvectors(double[][] a, int k) {
        int n = a.length;
        double[][] work = new double[n][];
        for (int i = 0; i < n; i++) {
            work[i] = a[i].clone();
        }
        double[][] out = new double[k][];
        java.util.Random random = new java.util.Random(3);
        for (int c = 0; c < k; c++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextDouble() + 0.1;
            }
            for (int it = 0; it < 5000; it++) {
                double[] next = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        next[i] += work[i][j] * v[j];
                    }
                }
                double norm = Math.sqrt(dot(next, next));
                for (int i = 0; i < n; i++) {
                    v[i] = next[i] / norm;
                }
            }
            double lambda = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    lambda += v[i] * work[i][j] * v[j];
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    work[i][j] -= lambda * v[i] * v[j];
                }
            }
            out[c] = v;
        }
        return out;
    }

    private static double[] times(float[] a, int n, double[] v) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i] += a[i * n + j] * v[j];
            }
        }
        return out;
    }

    private static double[] column(float[] u, int n, int m, int c) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = u[i * m + c];
        }
        return v;
    }

    private static double[][] toDouble(float[] a, int n) {
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = a[i * n + j];
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[][] identity(int n) {
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            out[i][i] = 1;
        }
        return out;
    }

    private static double[][] scale(double[][] a, double s) {
        double[][] out = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                out[i][j] = a[i][j] * s;
            }
        }
        return out;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }
}

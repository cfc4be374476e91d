package dev.operon.plugins.recommend.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * The top eigenvectors of a symmetric positive semi-definite matrix: subspace iteration (the products on DJL, the
 * orthonormalisation by modified Gram-Schmidt in double precision) with a few extra vectors, then a Rayleigh-Ritz
 * step whose small eigenproblem is solved by cyclic Jacobi rotations.
 */
final class TopEigen {

    static final int EXTRA_VECTORS = 16;
    static final int ITERATIONS = 24;

    private TopEigen() {
    }

    /**
     * @param a row-major n x n symmetric matrix
     * @return row-major n x m: column c is the eigenvector of the c-th largest eigenvalue (unit length)
     */
    static float[] of(float[] a, int n, int m, long seed) {
        int b = Math.min(n, m + EXTRA_VECTORS);
        Random random = new Random(seed);
        // b x n, row-major: each row is one vector of the subspace
        double[] q = new double[b * n];
        for (int k = 0; k < q.length; k++) {
            q[k] = random.nextGaussian();
        }
        orthonormalise(q, b, n);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray matrix = manager.create(a, new Shape(n, n));
            for (int it = 0; it < ITERATIONS; it++) {
                // rows of Q A are the vectors times A (A is symmetric)
                q = toDouble(manager.create(toFloat(q), new Shape(b, n)).matMul(matrix).toFloatArray());
                orthonormalise(q, b, n);
            }
            NDArray basis = manager.create(toFloat(q), new Shape(b, n));
            double[] small = toDouble(basis.matMul(matrix).matMul(basis.transpose()).toFloatArray());
            for (int i = 0; i < b; i++) {
                for (int j = i + 1; j < b; j++) {
                    double mean = (small[i * b + j] + small[j * b + i]) / 2;
                    small[i * b + j] = mean;
                    small[j * b + i] = mean;
                }
            }
            double[] vectors = new double[b * b];
            double[] values = jacobi(small, b, vectors);
            Integer[] order = new Integer[b];
            for (int i = 0; i < b; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
            double[] ritz = new double[b * m];
            for (int r = 0; r < b; r++) {
                for (int c = 0; c < m; c++) {
                    ritz[r * m + c] = vectors[r * b + order[c]];
                }
            }
            return basis.transpose().matMul(manager.create(toFloat(ritz), new Shape(b, m))).toFloatArray();
        }
    }

    /** Modified Gram-Schmidt on the b rows (vectors of length n) of the row-major b x n matrix. */
    static void orthonormalise(double[] q, int b, int n) {
        for (int c = 0; c < b; c++) {
            int at = c * n;
            for (int prev = 0; prev < c; prev++) {
                int from = prev * n;
                double dot = 0;
                for (int r = 0; r < n; r++) {
                    dot += q[at + r] * q[from + r];
                }
                for (int r = 0; r < n; r++) {
                    q[at + r] -= dot * q[from + r];
                }
            }
            double norm = 0;
            for (int r = 0; r < n; r++) {
                norm += q[at + r] * q[at + r];
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < n; r++) {
                q[at + r] = norm > 1e-300 ? q[at + r] / norm : 0;
            }
        }
    }

    /**
     * Eigenvalues of the symmetric b x b matrix {@code s} (destroyed) by cyclic Jacobi; {@code vectors} receives the
     * eigenvectors as columns.
     */
    static double[] jacobi(double[] s, int b, double[] vectors) {
        for (int i = 0; i < b; i++) {
            vectors[i * b + i] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            double scale = 0;
            for (int i = 0; i < b; i++) {
                scale += s[i * b + i] * s[i * b + i];
                for (int j = i + 1; j < b; j++) {
                    off += s[i * b + j] * s[i * b + j];
                }
            }
            if (off <= 1e-22 * Math.max(scale, 1e-300)) {
                break;
            }
            for (int p = 0; p < b; p++) {
                for (int r = p + 1; r < b; r++) {
                    double apr = s[p * b + r];
                    if (Math.abs(apr) < 1e-300) {
                        continue;
                    }
                    double theta = (s[r * b + r] - s[p * b + p]) / (2 * apr);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < b; k++) {
                        double skp = s[k * b + p];
                        double skr = s[k * b + r];
                        s[k * b + p] = c * skp - sn * skr;
                        s[k * b + r] = sn * skp + c * skr;
                    }
                    for (int k = 0; k < b; k++) {
                        double spk = s[p * b + k];
                        double srk = s[r * b + k];
                        s[p * b + k] = c * spk - sn * srk;
                        s[r * b + k] = sn * spk + c * srk;
                    }
                    for (int k = 0; k < b; k++) {
                        double vkp = vectors[k * b + p];
                        double vkr = vectors[k * b + r];
                        vectors[k * b + p] = c * vkp - sn * vkr;
                        vectors[k * b + r] = sn * vkp + c * vkr;
                    }
                }
            }
        }
        double[] values = new double[b];
        for (int i = 0; i < b; i++) {
            values[i] = s[i * b + i];
        }
        return values;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}

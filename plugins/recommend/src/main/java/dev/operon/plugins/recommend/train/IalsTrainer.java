package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.FactorRecommender;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * iALS, implicit alternating least squares (Hu, Koren and Volinsky 2008) in the form of Rendle et al., "Revisiting
 * the Performance of iALS on Item Recommendation Benchmarks" (RecSys 2022): minimise
 * {@code sum_observed c_ui (1 - u.v)^2 + alpha0 sum_all (u.v)^2 + lambda sum_u (n_u + alpha0 N)^nu |u|^2 + (same for
 * items)}, with {@code c_ui} the interaction weight, by alternating exact least-squares solves of every user and
 * every item vector (the "Gramian trick": the all-pairs term is {@code alpha0 V'V}, computed once per half-step).
 * Each solve is a Cholesky factorisation of a dimension x dimension system, in plain Java; users (then items) are
 * solved in parallel. With a validator it checks NDCG@10 every {@code EVAL_EVERY} sweeps and keeps the best.
 */
public final class IalsTrainer implements KindTrainer {

    static final int MAX_EPOCHS = 16;
    static final int EVAL_EVERY = 2;
    static final int PATIENCE = 2;
    static final double INIT_STDDEV = 0.1;
    private final long seed;

    public IalsTrainer(long seed) {
        this.seed = seed;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.IALS;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        List<Map<String, Object>> grid = new ArrayList<>();
        // explored on MovieLens-100K's validation split (64 factors; unobserved weight 0.03-30 x lambda 0.0003-1):
        // the best entries keep lambda (n + unobserved N) near 15-20; 0.2645 at 3 / 0.003, 0.2637 at 10 / 0.001,
        // 0.2527 at 1 / 0.01; 128 factors gave no gain at 1 / 0.01
        double[][] settings = {{3, 0.003}, {10, 0.001}, {1, 0.01}};
        for (double[] setting : settings) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("factors", 64);
            entry.put("unobserved", setting[0]);
            entry.put("lambda", setting[1]);
            entry.put("frequency-exponent", 1.0);
            entry.put("epochs", MAX_EPOCHS);
            grid.add(entry);
        }
        return grid;
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress) {
        int d = HyperParams.integer(params, "factors");
        double alpha0 = HyperParams.number(params, "unobserved");
        double lambda = HyperParams.number(params, "lambda");
        double nu = HyperParams.number(params, "frequency-exponent");
        int epochs = HyperParams.integer(params, "epochs");
        if (d < 1 || alpha0 < 0 || lambda <= 0 || epochs < 1) {
            throw new IllegalArgumentException("factors >= 1, unobserved >= 0, lambda > 0 and epochs >= 1 expected");
        }
        int users = data.userCount();
        int items = data.itemCount();
        Random random = new Random(seed);
        float[] u = new float[users * d];
        float[] v = new float[items * d];
        double scale = INIT_STDDEV / Math.sqrt(d);
        for (int k = 0; k < u.length; k++) {
            u[k] = (float) (random.nextGaussian() * scale);
        }
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (random.nextGaussian() * scale);
        }
        // each item's users and weights: the transpose, for the item half-steps
        int[][] itemUsers = new int[items][];
        float[][] itemWeights = new float[items][];
        transpose(data, itemUsers, itemWeights);
        int[][] userItems = new int[users][];
        float[][] userWeights = new float[users][];
        for (int x = 0; x < users; x++) {
            userItems[x] = data.itemsOf(x);
            userWeights[x] = data.weightsOf(x);
        }
        float[][] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int checksWithoutGain = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            solveAll(u, v, d, users, items, userItems, userWeights, alpha0, lambda, nu);
            solveAll(v, u, d, items, users, itemUsers, itemWeights, alpha0, lambda, nu);
            if (validator != null && (epoch % EVAL_EVERY == 0 || epoch == epochs)) {
                double score = validator.ndcg(new FactorRecommender(ModelKind.IALS, data.users(), data.items(), d,
                        u, v));
                progress.step(String.format(Locale.ROOT, "ials %s epoch %d validation ndcg@10 %.4f", params, epoch,
                        score));
                if (score > bestScore) {
                    bestScore = score;
                    bestEpoch = epoch;
                    best = new float[][] {u.clone(), v.clone()};
                    checksWithoutGain = 0;
                } else if (++checksWithoutGain >= PATIENCE) {
                    break;
                }
            }
        }
        if (best == null) {
            bestEpoch = epochs;
            best = new float[][] {u, v};
        }
        Map<String, Object> used = new LinkedHashMap<>(params);
        used.put("epochs", bestEpoch);
        return new Fitted(new FactorRecommender(ModelKind.IALS, data.users(), data.items(), d, best[0], best[1]),
                used);
    }

    /**
     * One half-step: every row of {@code x} solved exactly with {@code y} fixed:
     * {@code (alpha0 Y'Y + sum_i c_i y_i y_i' + reg I) x = sum_i c_i y_i}, with {@code reg = lambda (n + alpha0
     * N)^nu}.
     */
    static void solveAll(float[] x, float[] y, int d, int rows, int others, int[][] members, float[][] weights,
                         double alpha0, double lambda, double nu) {
        double[] gramian = new double[d * d];
        for (int o = 0; o < others; o++) {
            int base = o * d;
            for (int a = 0; a < d; a++) {
                double ya = y[base + a];
                if (ya == 0) {
                    continue;
                }
                for (int c = 0; c <= a; c++) {
                    gramian[a * d + c] += ya * y[base + c];
                }
            }
        }
        IntStream.range(0, rows).parallel().forEach(r -> {
            double[] m = new double[d * d];
            double[] rhs = new double[d];
            int[] of = members[r];
            float[] c = weights[r];
            for (int a = 0; a < d * d; a++) {
                m[a] = alpha0 * gramian[a];
            }
            for (int k = 0; k < of.length; k++) {
                int base = of[k] * d;
                double confidence = c[k];
                for (int a = 0; a < d; a++) {
                    double ya = y[base + a] * confidence;
                    rhs[a] += ya;
                    for (int b = 0; b <= a; b++) {
                        m[a * d + b] += ya * y[base + b];
                    }
                }
            }
            double regularisation = lambda * Math.pow(of.length + alpha0 * others, nu);
            for (int a = 0; a < d; a++) {
                m[a * d + a] += regularisation;
            }
            choleskySolve(m, rhs, d);
            for (int a = 0; a < d; a++) {
                x[r * d + a] = (float) rhs[a];
            }
        });
    }

    /**
     * Solves {@code M z = rhs} in place ({@code rhs} becomes z) for a symmetric positive definite M of which only
     * the lower triangle is read (and overwritten by its Cholesky factor).
     */
    static void choleskySolve(double[] m, double[] rhs, int d) {
        for (int j = 0; j < d; j++) {
            double diagonal = m[j * d + j];
            for (int k = 0; k < j; k++) {
                diagonal -= m[j * d + k] * m[j * d + k];
            }
            double root = Math.sqrt(Math.max(diagonal, 1e-12));
            m[j * d + j] = root;
            for (int i = j + 1; i < d; i++) {
                double sum = m[i * d + j];
                for (int k = 0; k < j; k++) {
                    sum -= m[i * d + k] * m[j * d + k];
                }
                m[i * d + j] = sum / root;
            }
        }
        for (int i = 0; i < d; i++) {
            double sum = rhs[i];
            for (int k = 0; k < i; k++) {
                sum -= m[i * d + k] * rhs[k];
            }
            rhs[i] = sum / m[i * d + i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double sum = rhs[i];
            for (int k = i + 1; k < d; k++) {
                sum -= m[k * d + i] * rhs[k];
            }
            rhs[i] = sum / m[i * d + i];
        }
    }

    private static void transpose(Interactions data, int[][] itemUsers, float[][] itemWeights) {
        int items = data.itemCount();
        int[] counts = new int[items];
        for (int x = 0; x < data.userCount(); x++) {
            for (int k = 0; k < data.count(x); k++) {
                counts[data.itemAt(x, k)]++;
            }
        }
        for (int i = 0; i < items; i++) {
            itemUsers[i] = new int[counts[i]];
            itemWeights[i] = new float[counts[i]];
        }
        int[] filled = new int[items];
        for (int x = 0; x < data.userCount(); x++) {
            for (int k = 0; k < data.count(x); k++) {
                int i = data.itemAt(x, k);
                itemUsers[i][filled[i]] = x;
                itemWeights[i][filled[i]++] = data.weightAt(x, k);
            }
        }
    }
}

package dev.operon.plugins.recommend.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Synthetic;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * iALS: the Cholesky solve against a product computed back, each half-step's vectors against the normal equations
 * of Rendle et al.'s objective written out here in full (every item's term, no Gramian trick), and the planted
 * taste groups found on held-out items.
 */
class IalsTrainerTest {

    @Test
    void choleskySolvesASymmetricPositiveDefiniteSystem() {
        int d = 7;
        Random random = new Random(3);
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = random.nextGaussian();
            }
        }
        double[] m = new double[d * d];
        double[][] spd = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    spd[i][j] += a[i][k] * a[j][k];
                }
                spd[i][j] += i == j ? 0.5 : 0;
                m[i * d + j] = spd[i][j];
            }
        }
        double[] rhs = new double[d];
        for (int i = 0; i < d; i++) {
            rhs[i] = random.nextGaussian();
        }
        double[] z = rhs.clone();
        IalsTrainer.choleskySolve(m, z, d);
        for (int i = 0; i < d; i++) {
            double product = 0;
            for (int j = 0; j < d; j++) {
                product += spd[i][j] * z[j];
            }
            assertEquals(rhs[i], product, 1e-9, "row " + i);
        }
    }

    @Test
    void userHalfStepSolvesTheNormalEquations() {
        Interactions data = Synthetic.groups(3, 10, 6, 4, 31);
        int d = 5;
        int users = data.userCount();
        int items = data.itemCount();
        double alpha0 = 0.3;
        double lambda = 0.05;
        double nu = 1;
        Random random = new Random(9);
        float[] v = new float[items * d];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) random.nextGaussian();
        }
        float[] u = new float[users * d];
        int[][] members = new int[users][];
        float[][] weights = new float[users][];
        for (int x = 0; x < users; x++) {
            members[x] = data.itemsOf(x);
            weights[x] = data.weightsOf(x);
        }
        IalsTrainer.solveAll(u, v, d, users, items, members, weights, alpha0, lambda, nu);
        for (int x = 0; x < users; x++) {
            // gradient of sum_obs c (1 - u.v)^2 + alpha0 sum_all (u.v)^2 + reg |u|^2, halved: must vanish
            double[] gradient = new double[d];
            double reg = lambda * Math.pow(members[x].length + alpha0 * items, nu);
            for (int i = 0; i < items; i++) {
                double dot = dot(u, x, v, i, d);
                for (int a = 0; a < d; a++) {
                    gradient[a] += alpha0 * dot * v[i * d + a];
                }
            }
            for (int k = 0; k < members[x].length; k++) {
                int i = members[x][k];
                double dot = dot(u, x, v, i, d);
                for (int a = 0; a < d; a++) {
                    gradient[a] -= weights[x][k] * (1 - dot) * v[i * d + a];
                }
            }
            for (int a = 0; a < d; a++) {
                gradient[a] += reg * u[x * d + a];
                assertEquals(0, gradient[a], 1e-3, "user " + x + " coordinate " + a);
            }
        }
    }

    @Test
    void findsTasteGroupsOnHeldOutItems() throws Exception {
        Interactions all = Synthetic.groups(4, 40, 20, 10, 11);
        Splits.Parts split = Splits.randomPerUser(all, new double[] {0.8, 0.1, 0.1}, 5);
        Interactions train = split.part(0);
        Map<String, Object> params = new LinkedHashMap<>(new IalsTrainer(1).grid(train).get(0));
        params.put("factors", 8);
        params.put("epochs", 6);
        try (Recommender model = new IalsTrainer(1).fit(train, params, null, KindTrainer.Progress.none()).model()) {
            assertEquals(ModelKind.IALS, model.kind());
            RankingMetrics metrics = new Evaluator(train, split.part(2), 10, train, split.part(1)).evaluate(model);
            assertTrue(metrics.hit() > 0.6, "Hit@10 " + metrics.hit());
            PlantedPatternTest.assertRoundTrip(model, train);
        }
    }

    private static double dot(float[] u, int x, float[] v, int i, int d) {
        double sum = 0;
        for (int a = 0; a < d; a++) {
            sum += (double) u[x * d + a] * v[i * d + a];
        }
        return sum;
    }
}

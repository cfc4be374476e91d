package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ItemKnnRecommender;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.TopItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * RP3beta (Paudel et al., 2017; as evaluated by Dacrema et al., 2019): a three-step random walk item, user, item on
 * the interaction graph with the transition probabilities raised to {@code alpha}, and the arrival item's
 * popularity penalised by {@code pop^-beta}:
 * {@code W[i][j] = sum_u (x_ui / deg_i)^alpha (x_uj / deg_u)^alpha / pop_j^beta}, the k best j kept per i
 * (optionally each row scaled to sum 1). Scored like item-kNN: the sum of the history items' rows. Plain Java
 * sparse counting. The grid is alpha, beta and k, rows scaled (a first search on MovieLens-100K's validation split
 * found scaled rows better for every alpha, beta and k).
 */
public final class Rp3betaTrainer implements KindTrainer {

    static final double[] ALPHAS = {0.5, 0.75, 1.0};
    static final double[] BETAS = {0.25, 0.4, 0.55, 0.7};
    static final int[] KS = {100, 250};

    @Override
    public ModelKind kind() {
        return ModelKind.RP3BETA;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        List<Map<String, Object>> grid = new ArrayList<>();
        int maxK = Math.max(1, data.itemCount() - 1);
        for (int k : KS) {
            if (k > maxK && k != KS[0]) {
                continue;
            }
            for (double alpha : ALPHAS) {
                for (double beta : BETAS) {
                    grid.add(params(alpha, beta, Math.min(k, maxK), 1));
                }
            }
        }
        return grid;
    }

    static Map<String, Object> params(double alpha, double beta, int k, int normalise) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("alpha", alpha);
        p.put("beta", beta);
        p.put("k", k);
        p.put("normalise", normalise);
        return p;
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress) {
        double alpha = HyperParams.number(params, "alpha");
        double beta = HyperParams.number(params, "beta");
        int k = HyperParams.integer(params, "k");
        boolean normalise = HyperParams.integer(params, "normalise") != 0;
        int n = data.itemCount();
        int users = data.userCount();
        double[] itemDegree = new double[n];
        double[] userDegree = new double[users];
        for (int u = 0; u < users; u++) {
            for (int a = 0; a < data.count(u); a++) {
                float w = data.weightAt(u, a);
                itemDegree[data.itemAt(u, a)] += w;
                userDegree[u] += w;
            }
        }
        // the user -> item step of every interaction, aligned with the user's rows
        float[][] userStep = new float[users][];
        for (int u = 0; u < users; u++) {
            userStep[u] = new float[data.count(u)];
            for (int a = 0; a < data.count(u); a++) {
                userStep[u][a] = (float) Math.pow(data.weightAt(u, a) / userDegree[u], alpha);
            }
        }
        // item -> users, with the item -> user step
        int[] start = new int[n + 1];
        for (int u = 0; u < users; u++) {
            for (int a = 0; a < data.count(u); a++) {
                start[data.itemAt(u, a) + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] usersOf = new int[start[n]];
        float[] itemStep = new float[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int u = 0; u < users; u++) {
            for (int a = 0; a < data.count(u); a++) {
                int i = data.itemAt(u, a);
                usersOf[fill[i]] = u;
                itemStep[fill[i]++] = (float) Math.pow(data.weightAt(u, a) / itemDegree[i], alpha);
            }
        }
        float[] penalty = new float[n];
        for (int j = 0; j < n; j++) {
            penalty[j] = itemDegree[j] > 0 ? (float) Math.pow(itemDegree[j], -beta) : 0f;
        }
        int[] neighbours = new int[n * k];
        float[] weights = new float[n * k];
        Arrays.fill(neighbours, -1);
        IntStream.range(0, n).parallel().forEach(i -> {
            float[] row = new float[n];
            for (int p = start[i]; p < start[i + 1]; p++) {
                int u = usersOf[p];
                float first = itemStep[p];
                float[] second = userStep[u];
                for (int a = 0; a < second.length; a++) {
                    row[data.itemAt(u, a)] += first * second[a];
                }
            }
            row[i] = 0;
            for (int j = 0; j < n; j++) {
                row[j] *= penalty[j];
            }
            int[] top = TopItems.top(row, n, k, j -> row[j] > 0);
            double sum = 0;
            for (int t : top) {
                sum += row[t];
            }
            float scale = normalise && sum > 0 ? (float) (1 / sum) : 1f;
            for (int r = 0; r < top.length; r++) {
                neighbours[i * k + r] = top[r];
                weights[i * k + r] = row[top[r]] * scale;
            }
        });
        return new Fitted(new ItemKnnRecommender(ModelKind.RP3BETA, data.users(), data.items(), k, neighbours,
                weights), params(alpha, beta, k, normalise ? 1 : 0));
    }
}

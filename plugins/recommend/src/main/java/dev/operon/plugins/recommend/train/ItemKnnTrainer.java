package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ItemKnnRecommender;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.TopItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Item-kNN: cosine similarity of item columns (interaction weights) with shrinkage,
 * {@code sim(i, j) = <x_i, x_j> / (|x_i| |x_j| + shrink)}, keeping the k best per item. Plain Java: sparse
 * co-occurrence counting, where a tensor library adds nothing. The grid is k and the shrinkage.
 */
public final class ItemKnnTrainer implements KindTrainer {

    static final int[] KS = {20, 50, 100, 250};
    static final double[] SHRINKS = {0, 20};

    @Override
    public ModelKind kind() {
        return ModelKind.ITEM_KNN;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        List<Map<String, Object>> grid = new ArrayList<>();
        for (double shrink : SHRINKS) {
            for (int k : KS) {
                if (k < data.itemCount() || k == KS[0]) {
                    grid.add(Map.of("k", Math.min(k, Math.max(1, data.itemCount() - 1)), "shrink", shrink));
                }
            }
        }
        return grid;
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress) {
        int k = HyperParams.integer(params, "k");
        double shrink = HyperParams.number(params, "shrink");
        int n = data.itemCount();
        // item -> users (with weights), for the co-occurrence sweep
        int[] userStart = new int[n + 1];
        for (int u = 0; u < data.userCount(); u++) {
            for (int a = 0; a < data.count(u); a++) {
                userStart[data.itemAt(u, a) + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            userStart[i + 1] += userStart[i];
        }
        int[] usersOf = new int[userStart[n]];
        float[] weightOf = new float[userStart[n]];
        int[] fill = Arrays.copyOf(userStart, n);
        double[] norm = new double[n];
        for (int u = 0; u < data.userCount(); u++) {
            for (int a = 0; a < data.count(u); a++) {
                int i = data.itemAt(u, a);
                float w = data.weightAt(u, a);
                usersOf[fill[i]] = u;
                weightOf[fill[i]++] = w;
                norm[i] += (double) w * w;
            }
        }
        for (int i = 0; i < n; i++) {
            norm[i] = Math.sqrt(norm[i]);
        }
        int[] neighbours = new int[n * k];
        float[] similarities = new float[n * k];
        Arrays.fill(neighbours, -1);
        IntStream.range(0, n).parallel().forEach(i -> {
            float[] co = new float[n];
            for (int p = userStart[i]; p < userStart[i + 1]; p++) {
                int u = usersOf[p];
                float wi = weightOf[p];
                for (int a = 0; a < data.count(u); a++) {
                    co[data.itemAt(u, a)] += wi * data.weightAt(u, a);
                }
            }
            co[i] = 0;
            for (int j = 0; j < n; j++) {
                if (co[j] != 0) {
                    co[j] = (float) (co[j] / (norm[i] * norm[j] + shrink));
                }
            }
            int[] top = TopItems.top(co, n, k, j -> co[j] > 0);
            for (int r = 0; r < top.length; r++) {
                neighbours[i * k + r] = top[r];
                similarities[i * k + r] = co[top[r]];
            }
        });
        return new Fitted(new ItemKnnRecommender(data.users(), data.items(), k, neighbours, similarities),
                Map.of("k", k, "shrink", shrink));
    }
}

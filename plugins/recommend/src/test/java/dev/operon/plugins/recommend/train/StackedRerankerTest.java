package dev.operon.plugins.recommend.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.model.BaseRecommender;
import dev.operon.plugins.recommend.model.IdIndex;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The re-ranker learns which part to trust: one part's scores follow a hidden preference that decides the held-out
 * items, the other's are noise. Fitted on one set of held-out items, it must put its weight on the informative part
 * and rank a second, unseen set of held-out items (other users) about as well as that part, far above the noise.
 */
class StackedRerankerTest {

    private static final int USERS = 120;
    private static final int ITEMS = 60;

    /** With pairs weighted equally (RankNet) and by their NDCG change (LambdaRank). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void learnsToTrustTheInformativePartAndRanksUnseenUsersWithIt(boolean lambda) {
        Random random = new Random(11);
        float[][] truth = new float[USERS][ITEMS];
        float[][] informative = new float[USERS][ITEMS];
        float[][] noise = new float[USERS][ITEMS];
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                truth[u][i] = (float) random.nextGaussian();
                informative[u][i] = truth[u][i] + 0.3f * (float) random.nextGaussian();
                noise[u][i] = (float) random.nextGaussian();
            }
        }
        // history: 5 random items; labels: the 4 best other items by the hidden preference
        IdIndex.Builder userIds = new IdIndex.Builder();
        IdIndex.Builder itemIds = new IdIndex.Builder();
        for (int u = 0; u < USERS; u++) {
            userIds.add("u" + u);
        }
        for (int i = 0; i < ITEMS; i++) {
            itemIds.add("i" + i);
        }
        IdIndex users = userIds.build();
        IdIndex items = itemIds.build();
        List<int[]> history = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            BitSet had = new BitSet(ITEMS);
            while (had.cardinality() < 5) {
                int i = random.nextInt(ITEMS);
                had.set(i);
                history.add(new int[] {u, i});
            }
            int[] best = TopItemsOf.top(truth[u], 4, had);
            for (int i : best) {
                labels.add(new int[] {u, i});
            }
        }
        Interactions train = interactions(users, items, history);
        Interactions held = interactions(users, items, labels);
        List<Recommender> parts = List.of(new Table(users, items, noise), new Table(users, items, informative));
        StackedReranker.PartScores scores = StackedReranker.PartScores.of(parts, train);
        int[] fitUsers = IntStream.range(0, USERS / 2).toArray();
        int[] otherUsers = IntStream.range(USERS / 2, USERS).toArray();
        StackedReranker stack = StackedReranker.fit(scores, fitUsers, held, new Interactions[] {train},
                new StackedReranker.Params(20, 1e-3, 20, 150, true, lambda), 5);
        double[] w = stack.weights();
        List<String> names = StackedReranker.featureNames(2, true);
        assertEquals(names.size(), w.length);
        int noiseZ = names.indexOf("z0");
        int signalZ = names.indexOf("z1");
        assertTrue(w[signalZ] > 3 * Math.abs(w[noiseZ]), "weight on the informative part: " + w[signalZ]
                + ", on the noise: " + w[noiseZ]);

        double stacked = stack.evaluate(scores, otherUsers, held, 10, train).ndcg();
        double signalAlone = alone(scores, 1, otherUsers, held, train);
        double noiseAlone = alone(scores, 0, otherUsers, held, train);
        assertTrue(stacked > noiseAlone + 0.3, "stacked " + stacked + " against noise " + noiseAlone);
        assertTrue(stacked > signalAlone - 0.05, "stacked " + stacked + " against the informative part "
                + signalAlone);
    }

    private static double alone(StackedReranker.PartScores scores, int part, int[] users, Interactions targets,
                                Interactions train) {
        RankingMetrics metrics = new RankingMetrics(10);
        for (int u : users) {
            BitSet skip = StackedReranker.excluded(u, ITEMS, train);
            int[] ranked = dev.operon.plugins.recommend.model.TopItems.top(scores.scores[part][u], ITEMS, 10,
                    i -> !skip.get(i));
            BitSet relevant = StackedReranker.excluded(u, ITEMS, targets);
            metrics.add(ranked, relevant::get, targets.count(u));
        }
        return metrics.ndcg();
    }

    private static Interactions interactions(IdIndex users, IdIndex items, List<int[]> rows) {
        int n = rows.size();
        int[] user = new int[n];
        int[] item = new int[n];
        float[] weight = new float[n];
        long[] time = new long[n];
        for (int k = 0; k < n; k++) {
            user[k] = rows.get(k)[0];
            item[k] = rows.get(k)[1];
            weight[k] = 1f;
            time[k] = k;
        }
        return Interactions.of(users, items, user, item, weight, time);
    }

    /** Fixed scores per user. */
    private static final class Table extends BaseRecommender {
        private final float[][] table;

        Table(IdIndex users, IdIndex items, float[][] table) {
            super(ModelKind.POPULARITY, users, items);
            this.table = table;
        }

        @Override
        public void score(int user, int[] history, float[] out) {
            System.arraycopy(table[user], 0, out, 0, table[user].length);
        }

        @Override
        public void saveState(Path directory) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class TopItemsOf {
        static int[] top(float[] scores, int k, BitSet skip) {
            return dev.operon.plugins.recommend.model.TopItems.top(scores, scores.length, k, i -> !skip.get(i));
        }
    }
}

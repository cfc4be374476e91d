package dev.operon.plugins.recommend.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Synthetic;
import dev.operon.plugins.recommend.model.BlendRecommender;
import dev.operon.plugins.recommend.model.IdIndex;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.model.RecommenderFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.operon.plugins.recommend.model.UserKnnRecommender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The blend's weight search, its refit from the chosen parameters, and user-kNN's neighbours. */
class BlendTrainerTest {

    @Test
    void blendIsNeverWorseOnValidationThanItsBestPartAndRefitsToTheSameModel() throws Exception {
        Interactions all = Synthetic.groups(4, 30, 25, 12, 21);
        Splits.Parts split = Splits.randomPerUser(all, new double[] {0.8, 0.2}, 3);
        Interactions train = split.part(0);
        Interactions valid = split.part(1);
        double bestPart = Double.NEGATIVE_INFINITY;
        for (ModelKind part : BlendTrainer.PARTS) {
            if (part == ModelKind.POPULARITY) {
                continue;
            }
            ModelSearch.Result tuned = ModelSearch.tune(Trainers.of(part, 7), train, valid,
                    KindTrainer.Progress.none());
            tuned.model().close();
            bestPart = Math.max(bestPart, tuned.validation().get("ndcg@10"));
        }
        ModelSearch.Result blend = ModelSearch.tune(Trainers.of(ModelKind.BLEND, 7), train, valid,
                KindTrainer.Progress.none());
        try (Recommender searched = blend.model()) {
            assertTrue(blend.validation().get("ndcg@10") >= bestPart - 1e-9,
                    "blend " + blend.validation() + " against best part " + bestPart);
            for (ModelKind part : BlendTrainer.PARTS) {
                assertTrue(blend.params().containsKey("weight." + part.id()), blend.params().toString());
            }
            try (Recommender refit = new BlendTrainer(7).fit(train, new LinkedHashMap<>(blend.params()), null,
                    KindTrainer.Progress.none()).model()) {
                float[] a = new float[train.itemCount()];
                float[] b = new float[train.itemCount()];
                for (int u = 0; u < train.userCount(); u += 7) {
                    searched.score(u, train.itemsOf(u), a);
                    refit.score(u, train.itemsOf(u), b);
                    assertArrayEquals(a, b, 1e-5f, "user " + u);
                }
            }
        }
    }

    @Test
    void blendOfOtherPartsSearchesOnlyThoseAndRefitsToTheSameModel() throws Exception {
        Interactions all = Synthetic.groups(4, 30, 25, 12, 21);
        Splits.Parts split = Splits.randomPerUser(all, new double[] {0.8, 0.2}, 3);
        Interactions train = split.part(0);
        Interactions valid = split.part(1);
        List<ModelKind> parts = List.of(ModelKind.ITEM_KNN, ModelKind.RP3BETA, ModelKind.POPULARITY);
        double bestPart = Double.NEGATIVE_INFINITY;
        for (ModelKind part : parts.subList(0, 2)) {
            ModelSearch.Result tuned = ModelSearch.tune(Trainers.of(part, 7), train, valid,
                    KindTrainer.Progress.none());
            tuned.model().close();
            bestPart = Math.max(bestPart, tuned.validation().get("ndcg@10"));
        }
        BlendTrainer trainer = new BlendTrainer(7, parts);
        ModelSearch.Result blend = ModelSearch.tune(trainer, train, valid, KindTrainer.Progress.none());
        try (Recommender searched = blend.model()) {
            assertTrue(blend.validation().get("ndcg@10") >= bestPart - 1e-9,
                    "blend " + blend.validation() + " against best part " + bestPart);
            assertTrue(blend.params().keySet().stream().filter(name -> name.startsWith("weight."))
                    .allMatch(name -> parts.stream().anyMatch(kind -> name.equals("weight." + kind.id()))),
                    blend.params().toString());
            assertEquals(parts.size(), blend.params().keySet().stream().filter(n -> n.startsWith("weight."))
                    .count());
            try (Recommender refit = trainer.fit(train, new LinkedHashMap<>(blend.params()), null,
                    KindTrainer.Progress.none()).model()) {
                float[] a = new float[train.itemCount()];
                float[] b = new float[train.itemCount()];
                for (int u = 0; u < train.userCount(); u += 7) {
                    searched.score(u, train.itemsOf(u), a);
                    refit.score(u, train.itemsOf(u), b);
                    assertArrayEquals(a, b, 1e-5f, "user " + u);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new BlendTrainer(1, List.of(ModelKind.POPULARITY)));
        assertThrows(IllegalArgumentException.class, () -> new BlendTrainer(1, List.of(ModelKind.BLEND)));
    }

    /** A validation split without a held-out item scores NaN everywhere: the best part alone is kept. */
    @Test
    void validatorWithoutAScoreKeepsTheFirstModelPartAlone() throws Exception {
        Interactions all = Synthetic.groups(2, 10, 5, 3, 1);
        List<ModelKind> parts = List.of(ModelKind.ITEM_KNN, ModelKind.RP3BETA, ModelKind.POPULARITY);
        KindTrainer.Fitted fitted = new BlendTrainer(1, parts).fit(all, Map.of(), model -> Double.NaN,
                KindTrainer.Progress.none());
        try (Recommender model = fitted.model()) {
            assertEquals(1.0, fitted.params().get("weight.item-knn"), fitted.params().toString());
            assertEquals(0.0, fitted.params().get("weight.rp3beta"), fitted.params().toString());
            assertEquals(0.0, fitted.params().get("weight.popularity"), fitted.params().toString());
        }
    }

    @Test
    void blendWithoutParametersOrValidatorIsRefused() {
        Interactions all = Synthetic.groups(2, 10, 5, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> new BlendTrainer(1).fit(all, Map.of(), null,
                KindTrainer.Progress.none()));
    }

    /**
     * Rank-normalised blending: each part's scores become their rank scaled to [0, 1] (best 1), weighted and summed,
     * so a part's scale does not matter; the normalisation is kept through a save and load.
     */
    @Test
    void rankBlendSumsTheWeightedRanksOfItsParts() throws Exception {
        Interactions data = Synthetic.groups(2, 8, 5, 3, 13);
        Recommender ease = new EaseTrainer().fit(data, Map.of("lambda", 1.0), null, KindTrainer.Progress.none())
                .model();
        Recommender popularity = new PopularityTrainer().fit(data, Map.of(), null, KindTrainer.Progress.none())
                .model();
        float[] weights = {1f, 0.5f};
        BlendRecommender blend = new BlendRecommender(data.users(), data.items(), List.of(ease, popularity),
                weights, BlendRecommender.Normalisation.RANK);
        int n = data.itemCount();
        float[] blended = new float[n];
        float[] first = new float[n];
        float[] second = new float[n];
        for (int u = 0; u < data.userCount(); u += 3) {
            int[] history = data.itemsOf(u);
            blend.score(u, history, blended);
            ease.score(u, history, first);
            popularity.score(u, history, second);
            for (int i = 0; i < n; i++) {
                double expected = weights[0] * rankOf(first, i) + weights[1] * rankOf(second, i);
                assertEquals(expected, blended[i], 1e-5, "user " + u + " item " + i);
            }
        }
        PlantedPatternTest.assertRoundTrip(blend, data);
        Path dir = Files.createTempDirectory("rank-blend-");
        RecommenderFiles.save(blend, dir);
        try (Recommender loaded = RecommenderFiles.load(dir)) {
            assertEquals(BlendRecommender.Normalisation.RANK, ((BlendRecommender) loaded).normalisation());
        }
        blend.close();
    }

    /** Items scored below item i (ties broken by index, as the blend does), over n - 1. */
    private static double rankOf(float[] scores, int i) {
        int below = 0;
        for (int k = 0; k < scores.length; k++) {
            if (scores[k] < scores[i] || (scores[k] == scores[i] && k < i)) {
                below++;
            }
        }
        return below / (double) (scores.length - 1);
    }

    /** A known user is not their own neighbour: an item only they have gets no score from themselves. */
    @Test
    void userKnnLeavesTheUserOutOfTheirOwnNeighbours() {
        IdIndex.Builder users = new IdIndex.Builder();
        IdIndex.Builder items = new IdIndex.Builder();
        int[][] rows = {{0, 1, 2}, {0, 1, 3}, {1, 2, 3}, {0, 2, 4}};
        int total = 0;
        for (int[] row : rows) {
            total += row.length;
        }
        int[] user = new int[total];
        int[] item = new int[total];
        float[] weight = new float[total];
        long[] time = new long[total];
        for (int i = 0; i < 5; i++) {
            items.add("i" + i);
        }
        int at = 0;
        for (int u = 0; u < rows.length; u++) {
            users.add("u" + u);
            for (int i : rows[u]) {
                user[at] = u;
                item[at] = i;
                weight[at] = 1f;
                time[at++] = at;
            }
        }
        Interactions data = Interactions.of(users.build(), items.build(), user, item, weight, time);
        UserKnnRecommender model = UserKnnRecommender.of(data, 10, 0f);
        float[] scores = new float[5];
        int last = data.users().indexOf("u3");
        model.score(last, data.itemsOf(last), scores);
        assertEquals(0f, scores[data.items().indexOf("i4")], "only u3 has i4");
        assertTrue(scores[data.items().indexOf("i1")] > 0, "u3's neighbours have i1");
        // the same history from an unknown user does find u3, who has i4
        model.score(-1, data.itemsOf(last), scores);
        assertTrue(scores[data.items().indexOf("i4")] > 0);
    }
}

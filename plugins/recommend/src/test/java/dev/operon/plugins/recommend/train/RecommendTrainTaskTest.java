package dev.operon.plugins.recommend.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.RecommendPlugin;
import dev.operon.plugins.recommend.model.ChampionChoice;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.RecommenderQuery;
import dev.operon.plugins.recommend.model.RecommenderScores;
import dev.operon.plugins.recommend.model.TopItems;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code recommend.train} through the SDK test kit: feedback from track events with the configured weights, one
 * version registered per kind, promotion only when better, serving through the platform's predict path.
 */
class RecommendTrainTaskTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    /** Two taste groups; group 0 views and buys products p0..p14, group 1 p15..p29; "Page Viewed" is noise. */
    static void plant(PluginTestKit kit, int users, long seed) {
        Random random = new Random(seed);
        for (long id = 1; id <= users; id++) {
            Instant start = NOW.minus(Duration.ofDays(60));
            kit.profiles().put(new Profile(id, "user" + id, List.of(), Map.of(), null,
                    new Consent(Map.of(Consent.ANALYTICS, id != users)), Map.of(), start, start));
            int group = (int) (id % 2);
            for (int k = 0; k < 10; k++) {
                String product = "p" + (group * 15 + random.nextInt(15));
                Instant at = start.plus(Duration.ofHours(random.nextInt(24 * 59)));
                String event = k % 3 == 0 ? "Order Completed" : "Product Viewed";
                kit.events().track(id, event, at, Map.of("product_id", product));
                kit.events().track(id, "Page Viewed", at, Map.of("product_id", "noise" + random.nextInt(50)));
            }
        }
    }

    @Test
    void trainsEveryKindRegistersThemAndServesTheChampion() {
        // a margin far below any real gain and above the float noise of retraining on the same data
        try (PluginTestKit kit = PluginTestKit.builder(new RecommendPlugin())
                .config("models", "popularity,item-knn,ease").promotionMargin(1e-6).start()) {
            plant(kit, 81, 5); // profile 81 did not consent to analytics: never read
            TaskResult<TrainSummary> run = kit.runTask(RecommendTrainTask.ID, Map.of("asOf", NOW.toString()));
            assertEquals(TaskResult.State.SUCCEEDED, run.state(), run.errorMessage());
            TrainSummary summary = run.output();
            assertEquals(80, summary.users(), "the profile without analytics consent is left out");
            assertEquals(30, summary.items(), "Page Viewed has no weight: its noise items are not read");
            assertEquals(3, summary.models().size());
            assertEquals(3, run.registered().size());
            for (ModelKind kind : List.of(ModelKind.POPULARITY, ModelKind.ITEM_KNN, ModelKind.EASE)) {
                ModelVersion champion = kit.models().champion(kind.typeId()).orElseThrow();
                assertTrue(champion.validationMetrics().containsKey("ndcg@10"), kind.id());
            }
            ModelKind best = ChampionChoice.best(kit.models()).orElseThrow();
            assertTrue(best == ModelKind.EASE || best == ModelKind.ITEM_KNN, "best is " + best);
            assertEquals(best.id(), summary.best());

            // user p:2 is in group 0: the served scores put group-0 products it lacks on top
            RecommenderScores scores = kit.models().predict(best.typeId(),
                    RecommenderQuery.forUser("p:2", List.of("p0", "p1", "p2")));
            int[] top = TopItems.top(scores.getScores(), scores.getItems().size(), 3,
                    i -> !Set.of("p0", "p1", "p2").contains(scores.getItems().get(i)));
            for (int i : top) {
                int product = Integer.parseInt(scores.getItems().get(i).substring(1));
                assertTrue(product < 15, "recommended " + scores.getItems().get(i) + " to a group-0 user");
            }
            RecommenderScores similar = kit.models().predict(best.typeId(), RecommenderQuery.similarTo("p20"));
            assertTrue(similar.isSimilarity());
            int closest = TopItems.top(similar.getScores(), similar.getItems().size(), 1, i -> true)[0];
            assertTrue(Integer.parseInt(similar.getItems().get(closest).substring(1)) >= 15);

            // the same data again: not better, so the champion stays and the new version is a candidate
            int before = kit.models().champion(ModelKind.EASE.typeId()).orElseThrow().version();
            TaskResult<TrainSummary> again = kit.runTask(RecommendTrainTask.ID, Map.of("asOf", NOW.toString(),
                    "models", "ease"));
            assertEquals(TaskResult.State.SUCCEEDED, again.state(), again.errorMessage());
            assertEquals(before, kit.models().champion(ModelKind.EASE.typeId()).orElseThrow().version());
            assertEquals(2, kit.models().versions(ModelKind.EASE.typeId()).size());
        }
    }

    @Test
    void refusesUnknownModelsAndSkipsEmptyFeedbackWithoutRegistering() {
        try (PluginTestKit kit = PluginTestKit.start(new RecommendPlugin())) {
            TaskResult<TrainSummary> unknown = kit.runTask(RecommendTrainTask.ID, Map.of("models", "magic"));
            assertEquals(TaskResult.State.FAILED, unknown.state());
            assertTrue(unknown.errorMessage().contains("unknown model 'magic'"), unknown.errorMessage());
            assertFalse(unknown.retryable());

            TaskResult<TrainSummary> empty = kit.runTask(RecommendTrainTask.ID, Map.of("asOf", NOW.toString()));
            assertEquals(TaskResult.State.SKIPPED, empty.state(), "nothing to learn from yet: no failure");
            assertTrue(empty.errorMessage().contains("too little feedback"), empty.errorMessage());
            assertTrue(empty.registered().isEmpty());
        }
    }

    @Test
    void skipsFeedbackTooThinToValidateWithoutRegistering() {
        try (PluginTestKit kit = PluginTestKit.start(new RecommendPlugin())) {
            Instant at = NOW.minus(Duration.ofDays(3));
            for (long id = 1; id <= 3; id++) {
                kit.profiles().put(new Profile(id, "user" + id, List.of(), Map.of(), null,
                        new Consent(Map.of(Consent.ANALYTICS, true)), Map.of(), at, at));
                kit.events().track(id, "Product Viewed", at, Map.of("product_id", "p" + id));
                kit.events().track(id, "Product Viewed", at, Map.of("product_id", "p" + (id + 1)));
            }
            TaskResult<TrainSummary> thin = kit.runTask(RecommendTrainTask.ID, Map.of("asOf", NOW.toString()));
            assertEquals(TaskResult.State.SKIPPED, thin.state());
            assertTrue(thin.errorMessage().contains("too little feedback to validate"), thin.errorMessage());
            assertFalse(thin.retryable());
            assertTrue(thin.registered().isEmpty());
        }
    }

    @Test
    void weightsAndDecayShapeTheFeedback() {
        EventFeedback feedback = new EventFeedback(EventWeights.parse("Viewed=1, Bought=5"), List.of("sku"),
                Duration.ofDays(10));
        assertEquals(1.0, feedback.decay(NOW, NOW), 1e-12);
        assertEquals(0.5, feedback.decay(NOW.minus(Duration.ofDays(10)), NOW), 1e-12);
        assertEquals(0.25, feedback.decay(NOW.minus(Duration.ofDays(20)), NOW), 1e-12);
        List<String> errors = new ArrayList<>();
        for (String bad : List.of("", "Viewed", "Viewed=x", "Viewed=-1", "Viewed=1,Viewed=2")) {
            try {
                EventWeights.parse(bad);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        assertEquals(5, errors.size(), errors.toString());
    }
}

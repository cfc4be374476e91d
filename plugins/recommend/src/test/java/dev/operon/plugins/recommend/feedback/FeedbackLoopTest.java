package dev.operon.plugins.recommend.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Shop;
import dev.operon.plugins.recommend.experiments.ExperimentOperations;
import dev.operon.plugins.recommend.panels.PanelOperations;
import dev.operon.plugins.recommend.serving.Recommendations;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.privacy.DataSubject;
import dev.operon.sdk.privacy.PersonalData;
import dev.operon.sdk.testkit.TaskResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Served lists, impressions and clicks as events, online metrics per model and variant, A/B split, privacy. */
class FeedbackLoopTest {

    private static Shop shop(Map<String, String> config) throws Exception {
        Shop shop = new Shop(config);
        for (int i = 0; i < 6; i++) {
            shop.items(Shop.item("i" + i, "c" + (i % 2), true));
        }
        for (long u = 1; u <= 6; u++) {
            shop.user(u, Map.of());
            for (int i = 0; i < u; i++) {
                shop.viewed(u, "i" + i, 10);
            }
        }
        shop.trainPopularity(0.3);
        return shop;
    }

    @Test
    void impressionsAndClicksBecomeEventsAndOnlineMetrics() throws Exception {
        try (Shop shop = shop(Map.of())) {
            Recommendations r = shop.kit.call("recommend", shop.recommendInput("user-1", 3));
            String id = r.recommendationId();
            String second = r.items().get(1).itemId();
            FeedbackOperations.FeedbackResult seen = shop.kit.call("feedback", Map.of("recommendationId", id,
                    "type", "impression"));
            assertEquals("Recommendation Viewed", seen.event());
            FeedbackOperations.FeedbackResult click = shop.kit.call("feedback", Map.of("recommendationId", id,
                    "type", "click", "itemId", second));
            assertEquals(2, click.position());

            Event clicked = shop.kit.events().all().stream()
                    .filter(e -> "Recommendation Clicked".equals(e.name())).findFirst().orElseThrow();
            assertEquals(id, clicked.properties().get("recommendation_id"));
            assertEquals(second, clicked.properties().get("item_id"));
            assertEquals(1L, clicked.profileId());

            assertEquals(422, assertThrows(OperationException.class, () -> shop.kit.call("feedback",
                    Map.of("recommendationId", id, "type", "click", "itemId", "not-shown"))).status());
            assertEquals(404, assertThrows(OperationException.class, () -> shop.kit.call("feedback",
                    Map.of("recommendationId", "00000000-0000-0000-0000-000000000000", "type", "click",
                            "itemId", "i1"))).status());
            assertEquals(422, assertThrows(OperationException.class, () -> shop.kit.call("feedback",
                    Map.of("recommendationId", "nope", "type", "impression"))).status());

            // a second list shown but not clicked; an app's own impression event with the id also counts
            Recommendations other = shop.kit.call("recommend", shop.recommendInput("user-2", 3));
            shop.kit.events().track(2, "Recommendation Viewed", shop.now, Map.of("recommendation_id",
                    other.recommendationId()));

            TaskResult<FeedbackAggregateTask.Output> run = shop.kit.runTask("recommend.feedback-aggregate",
                    Map.of());
            assertEquals(TaskResult.State.SUCCEEDED, run.state(), run.errorMessage());
            assertEquals(2, run.output().impressions());
            assertEquals(1, run.output().clicks());
            List<OnlineMetrics.Row> rows = shop.kit.call("online-metrics", Map.of());
            assertEquals(1, rows.size(), rows.toString());
            OnlineMetrics.Row row = rows.get(0);
            assertEquals("recommend.popularity v1", row.model());
            assertEquals("default", row.variant());
            assertEquals(2, row.served());
            assertEquals(0.5, row.ctr(), 1e-9);
            assertTrue(row.coverage() > 0 && row.coverage() <= 1, "coverage " + row.coverage());
            assertTrue(row.novelty() > 0, "novelty " + row.novelty());

            List<PanelOperations.CtrPoint> series = shop.kit.call("online-ctr", Map.of());
            assertEquals(1, series.size());
            assertEquals(0.5, series.get(0).ctr(), 1e-9);
            assertEquals(0.5, series.get(0).ctrDefault(), 1e-9);

            TaskResult<FeedbackAggregateTask.Output> again = shop.kit.runTask("recommend.feedback-aggregate",
                    Map.of());
            assertEquals(TaskResult.State.SUCCEEDED, again.state());
            List<OnlineMetrics.Row> same = shop.kit.call("online-metrics", Map.of());
            assertEquals(rows, same, "a rerun recomputes the same rows");

            List<PanelOperations.LeaderRow> board = shop.kit.call("model-leaderboard", Map.of());
            assertEquals(1, board.size());
            assertEquals(0.3, board.get(0).ndcg10(), 1e-9);
            assertTrue(board.get(0).championOfAll());
            PanelOperations.Status status = shop.kit.call("recommend-status", Map.of());
            assertEquals("recommend.popularity v1", status.champion());
            assertEquals(6, status.catalogueItems());
        }
    }

    @Test
    void theSplitIsDeterministicWithAHoldoutAndRecordedOnce() throws Exception {
        try (Shop shop = shop(Map.of("ab-enabled", "true", "ab-name", "test-1", "ab-holdout", "30",
                "ab-variant-b", "recommend.popularity;max-per-category=1"))) {
            for (long u = 7; u <= 40; u++) {
                shop.user(u, Map.of());
            }
            Map<String, Integer> seen = new java.util.HashMap<>();
            int holdoutItems = 0;
            for (long u = 1; u <= 40; u++) {
                Recommendations first = shop.kit.call("recommend", shop.recommendInput("user-" + u, 4));
                Recommendations second = shop.kit.call("recommend", shop.recommendInput("user-" + u, 4));
                assertEquals(first.variant(), second.variant(), "the same user keeps their variant");
                ExperimentOperations.Assignment a = shop.kit.call("assignment", Map.of("user", "user-" + u));
                assertEquals(first.variant(), a.variant());
                assertEquals(first.variant(), a.recorded());
                seen.merge(first.variant(), 1, Integer::sum);
                if (first.variant().equals("holdout")) {
                    assertTrue(first.coldStart(), "the holdout gets the non-personalised popular list");
                    long user = u;
                    for (Recommendations.Recommended item : first.items()) {
                        assertEquals("popular with everyone", item.reason());
                        int index = Integer.parseInt(item.itemId().substring(1));
                        assertTrue(index >= user || user > 6, "user " + user + " saw " + item.itemId());
                    }
                    holdoutItems += first.items().size();
                }
                if (first.variant().equals("b")) {
                    assertEquals(first.items().size(), first.items().stream()
                            .map(Recommendations.Recommended::category).distinct().count(),
                            "variant b caps categories at one: " + first.items());
                }
            }
            assertEquals(Set.of("a", "b", "holdout"), seen.keySet(), seen.toString());
            assertTrue(holdoutItems > 0, "holdout users were served items");
            try (Connection c = shop.kit.data().dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT user_key) FROM recommend_assignment")) {
                r.next();
                assertEquals(40, r.getLong(1));
                assertEquals(40, r.getLong(2));
            }
        }
    }

    @Test
    void personalDataIsExportedAndErased() throws Exception {
        try (Shop shop = shop(Map.of("ab-enabled", "true"))) {
            Recommendations mine = shop.kit.call("recommend", shop.recommendInput("user-3", 2));
            shop.kit.call("recommend", shop.recommendInput("3", 2));
            shop.kit.call("recommend", shop.recommendInput("anon-9", 2));
            Recommendations other = shop.kit.call("recommend", shop.recommendInput("user-4", 2));
            PersonalData hook = shop.kit.plugin().personalData().orElseThrow();
            DataSubject subject = new DataSubject(3, Set.of(3L), Set.of("user-3"), Set.of("anon-9"));
            Map<String, Object> export = hook.export(subject, shop.kit.data());
            assertEquals(3, ((List<?>) export.get("recommendationsServed")).size(), export.toString());
            assertEquals(2, ((List<?>) export.get("experimentAssignments")).size(), "p:3 and u:anon-9");
            assertTrue(export.toString().contains(mine.recommendationId()));

            // the second delete fails: the first is rolled back with it
            try (Connection c = shop.kit.data().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
                s.execute("CREATE TRIGGER test_refuse BEFORE DELETE ON recommend_assignment"
                        + " FOR EACH STATEMENT EXECUTE FUNCTION test_refuse()");
            }
            assertThrows(SQLException.class, () -> hook.erase(subject, shop.kit.data()));
            assertEquals(export, hook.export(subject, shop.kit.data()));
            try (Connection c = shop.kit.data().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER test_refuse ON recommend_assignment");
            }

            hook.erase(subject, shop.kit.data());
            assertEquals(Map.of(), hook.export(subject, shop.kit.data()));
            hook.erase(subject, shop.kit.data());
            Map<String, Object> others = hook.export(new DataSubject(4, Set.of(4L), Set.of(), Set.of()),
                    shop.kit.data());
            assertTrue(others.toString().contains(other.recommendationId()), "other users keep theirs");
            assertNotEquals(mine.recommendationId(), other.recommendationId());
        }
    }
}

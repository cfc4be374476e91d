package dev.operon.plugins.behaviour.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.operon.plugins.behaviour.segments.World;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profile lookup, churn-risk list and CLV table read what the platform and the other tasks stored. */
class InsightOperationsTest {

    @Test
    void lookupShowsTheTimelineNewestFirstWithSegments() throws Exception {
        try (World w = new World()) {
            w.profile(1, Map.of("plan", "pro"));
            w.event(1, "Signed Up", Duration.ofDays(3), Map.of());
            w.event(1, "Order Completed", Duration.ofDays(1), Map.of("amount", 30));
            w.event(1, "Page Viewed", Duration.ofDays(2), Map.of());
            w.createSegment("pro", "{\"trait\":\"plan\",\"eq\":\"pro\"}");
            w.refresh(false);
            InsightOperations.Lookup byUser = w.kit.call("profile-lookup", Map.of("id", "user-1", "events", 2),
                    Operation.Role.VIEWER);
            assertEquals(1, byUser.profileId());
            assertEquals(List.of("Segment Entered", "Order Completed"),
                    byUser.timeline().stream().map(InsightOperations.TimelineEvent::name).toList());
            assertEquals(List.of("pro"), byUser.segments());
            InsightOperations.Lookup byId = w.kit.call("profile-lookup", Map.of("id", "1"));
            assertEquals(4, byId.timeline().size());
            InsightOperations.Lookup byAnon = w.kit.call("profile-lookup", Map.of("id", "anon-1"));
            assertEquals(1, byAnon.profileId());
            assertEquals(404, assertThrows(OperationException.class,
                    () -> w.kit.call("profile-lookup", Map.of("id", "nobody"))).status());
        }
    }

    @Test
    void churnAndClvAreRankedFromProfileScores() throws Exception {
        try (World w = new World()) {
            for (long id = 1; id <= 4; id++) {
                w.profile(id, Map.of());
            }
            // the platform stores scores under "<plugin>.<name>": behaviour.churn and behaviour.clv
            w.kit.profiles().putScores(1, "churn", Map.of("score", 0.2, "top_features",
                    List.of(Map.of("feature", "sessions", "contribution", -0.3))));
            w.kit.profiles().putScores(2, "churn", Map.of("score", 0.9, "top_features", List.of("recency_days")));
            w.kit.profiles().putScores(3, "clv", Map.of("expected_purchases", 1.5, "expected_value", 40.0));
            w.kit.profiles().putScores(4, "clv", Map.of("expected_purchases", 3.0, "expected_value", 95.5));
            List<InsightOperations.ChurnRow> churn = w.kit.call("churn-risk", Map.of(), Operation.Role.VIEWER);
            assertEquals(List.of(2L, 1L), churn.stream().map(InsightOperations.ChurnRow::profileId).toList());
            assertEquals("recency_days", churn.get(0).topFeatures());
            assertEquals("sessions (-0.3)", churn.get(1).topFeatures());
            List<InsightOperations.ClvRow> clv = w.kit.call("clv-table", Map.of("limit", 1));
            assertEquals(1, clv.size());
            assertEquals(4L, clv.get(0).profileId());
            assertEquals(3.0, clv.get(0).expectedPurchases());
            List<InsightOperations.ClvRow> second = w.kit.call("clv-table", Map.of("limit", 1, "offset", 1));
            assertEquals(3L, second.get(0).profileId());
        }
    }
}

package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.uplift.TrainingRows;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Uplift training rows carry the features of the moment the message was planned (stored with the message), not the
 * profile as it is when the model is trained: a trait changed after the send does not change the training row.
 */
class FeatureSnapshotTest {

    @Test
    void aTraitChangedAfterTheSendDoesNotChangeTheTrainingRow() throws Exception {
        try (World w = new World()) {
            for (long id = 1; id <= 20; id++) {
                w.user(id, Map.of("email", "u" + id + "@example.com", "first_name", "Name" + id, "tier", "silver"));
                w.enter(id, "5");
            }
            Map<String, Object> input = new HashMap<>(World.emailCampaign("with a goal", "5"));
            input.put("holdoutPercent", 50.0);
            input.put("goalEvent", "Order Completed");
            input.put("goalWindow", "PT1H");
            Campaign k = w.scheduled(input);
            w.send(k.id()).output();
            assertEquals(20, w.count("SELECT count(*) FROM marketing_send WHERE campaign_id = " + k.id()
                    + " AND features->>'trait.tier' = 'silver' AND features ? 'events'"
                    + " AND NOT features ? 'trait.email'"), "every row, holdout too, has its snapshot");

            // after the send everyone becomes gold and buys; the goal window then ends
            for (long id = 1; id <= 20; id++) {
                w.user(id, Map.of("email", "u" + id + "@example.com", "first_name", "Name" + id, "tier", "gold"));
                w.kit.events().track(id, "Order Completed", Instant.now().plusSeconds(1), Map.of());
            }
            w.execute("UPDATE marketing_send SET sent_at = sent_at - interval '2 hours',"
                    + " planned_at = planned_at - interval '2 hours'");

            List<TrainingRows.Row> rows = TrainingRows.load(w.services(), List.of(k),
                    Instant.now(), Set.of("email"));
            assertEquals(20, rows.size());
            assertTrue(rows.stream().allMatch(TrainingRows.Row::snapshot));
            assertEquals(Set.of("silver"), rows.stream().map(r -> r.features().get("trait.tier"))
                    .collect(Collectors.toSet()), "the tier as it was at the send");
            assertTrue(rows.stream().anyMatch(TrainingRows.Row::treated));
            assertTrue(rows.stream().anyMatch(r -> !r.treated()));

            // a row planned before snapshots were kept falls back to the profile as it is now, and says so
            w.execute("UPDATE marketing_send SET features = NULL WHERE campaign_id = " + k.id()
                    + " AND profile_id = 1");
            List<TrainingRows.Row> again = TrainingRows.load(w.services(), List.of(k),
                    Instant.now(), Set.of("email"));
            TrainingRows.Row first = again.stream().filter(r -> r.profileId() == 1).findFirst().orElseThrow();
            assertFalse(first.snapshot());
            assertEquals("gold", first.features().get("trait.tier"));
            assertEquals(19, again.stream().filter(TrainingRows.Row::snapshot).count());
        }
    }

    @Test
    void campaignsWithoutAGoalStoreNoFeatures() throws Exception {
        try (World w = new World()) {
            for (long id = 1; id <= 5; id++) {
                w.member(id, "5");
            }
            Campaign k = w.scheduled(World.emailCampaign("no goal", "5"));
            w.send(k.id()).output();
            assertEquals(5, w.count("SELECT count(*) FROM marketing_send WHERE features IS NULL"));
        }
    }
}

package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.dryrun.DryRun;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.Consent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dry run counts what the guardrails would drop, the overlap and the hourly sends, and renders a preview. */
class DryRunTest {

    @Test
    void countsDropsOverlapAndRendersAPreviewWithoutSending() throws Exception {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        LocalTime local = LocalTime.now(tokyo);
        try (World w = new World(Map.of("contact-budget", "1", "rate-limit-email", "1",
                "quiet-hours-start", local.minusHours(1).withSecond(0).withNano(0).toString(),
                "quiet-hours-end", local.plusHours(1).withSecond(0).withNano(0).toString(),
                "default-timezone", "America/Los_Angeles"))) {
            for (long id = 1; id <= 10; id++) {
                w.member(id, "7");                                   // 10 sendable members...
            }
            w.user(11, Map.of("email", "c@example.com"), new Consent(Map.of()));
            w.enter(11, "7");                                        // ...one without consent
            w.user(12, Map.of("first_name", "x"));
            w.enter(12, "7");                                        // ...one without address
            w.user(13, Map.of("email", "q@example.com", "timezone", "Asia/Tokyo"));
            w.enter(13, "7");                                        // ...one in its quiet hours
            w.kit.call("suppress", Map.of("profileId", 1, "channel", "email"), Role.OPERATOR);
            w.execute("INSERT INTO marketing_campaign (name, status, channel, audience_mode, schedule_kind,"
                    + " allocation, created_by) VALUES ('old', 'completed', 'inapp', 'snapshot', 'once', 'fixed', 'x')");
            w.execute("INSERT INTO marketing_send (campaign_id, run_key, profile_id, variant, channel, status,"
                    + " idempotency_key, due_at, contact_at, sent_at) SELECT id, 'once', 2, 'A', 'inapp', 'sent',"
                    + " 'old-2', now(), now(), now() FROM marketing_campaign");   // user 2 has used the budget
            for (long id = 8; id <= 10; id++) {
                w.enter(id, "9");
            }
            w.scheduled(World.emailCampaign("other", "9"));          // shares users 8, 9, 10
            Campaign k = w.kit.call("create-campaign", World.emailCampaign("dry", "7"), Role.OPERATOR);

            DryRun.Output out = w.kit.call("dry-run", Map.of("id", k.id()));
            assertEquals(13, out.audience());
            assertEquals(0, out.holdout());
            assertEquals(8, out.eligible());
            assertEquals(1, out.droppedConsent());
            assertEquals(1, out.droppedUnsubscribed());
            assertEquals(1, out.droppedNoAddress());
            assertEquals(1, out.droppedBudget());
            assertEquals(1, out.deferredQuietHours());
            assertEquals(List.of(new DryRun.Overlap(2, "other", 3)), out.overlap());
            assertEquals(24, out.expectedSendsPerHour().size());
            assertEquals(9, out.expectedSendsPerHour().stream().mapToLong(DryRun.HourlySends::sends).sum(),
                    "8 now (1 per second) and the deferred one when its quiet hours end");
            assertEquals(3, out.preview().profileId(), "the first user that would get it");
            assertEquals("Hello Name3", out.preview().subject());
            assertTrue(out.preview().headers().get("List-Unsubscribe").contains("token=3."));
            assertNull(out.preview().error());

            DryRun.Output sample = w.kit.call("dry-run", Map.of("id", k.id(), "sampleProfileId", 13));
            assertTrue(sample.preview().error().contains("do not render"), "13 has no first name for the subject");
            assertEquals(0, w.email.delivered().size());
            assertEquals(0, w.count("SELECT count(*) FROM marketing_send WHERE campaign_id = " + k.id()));
        }
    }

    @Test
    void aLaterSendTimeIsSimulatedAtThatTimeAndAPastOneIsRefused() throws Exception {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        LocalTime local = LocalTime.now(tokyo);
        try (World w = new World(Map.of("quiet-hours-start", local.minusHours(1).withSecond(0).withNano(0).toString(),
                "quiet-hours-end", local.plusHours(1).withSecond(0).withNano(0).toString()))) {
            w.user(13, Map.of("email", "q@example.com", "first_name", "Q", "timezone", "Asia/Tokyo"));
            w.enter(13, "7");                                        // in its quiet hours now, not in 12 hours
            Instant later = Instant.now().plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object> input = new HashMap<>(World.emailCampaign("later", "7"));
            input.put("sendAt", later.toString());
            Campaign k = w.kit.call("create-campaign", input, Role.OPERATOR);

            DryRun.Output out = w.kit.call("dry-run", Map.of("id", k.id()));
            assertEquals(later, out.sendsAt());
            assertEquals(0, out.deferredQuietHours());
            assertEquals(1, out.eligible());
            assertEquals(later.truncatedTo(ChronoUnit.HOURS), out.expectedSendsPerHour().get(0).hour());

            Map<String, Object> past = new HashMap<>(World.emailCampaign("yesterday", "7"));
            past.put("sendAt", Instant.now().minus(Duration.ofDays(1)).toString());
            OperationException refused = assertThrows(OperationException.class,
                    () -> w.kit.call("create-campaign", past, Role.OPERATOR));
            assertEquals("sendAt", refused.errors().get(0).field());
            assertTrue(refused.errors().get(0).message().contains("in the past"), refused.errors().toString());
        }
    }

    @Test
    void holdoutIsCountedApart() throws Exception {
        try (World w = new World()) {
            for (long id = 1; id <= 400; id++) {
                w.member(id, "7");
            }
            Map<String, Object> input = new HashMap<>(World.emailCampaign("held", "7"));
            input.put("holdoutPercent", 25.0);
            Campaign k = w.kit.call("create-campaign", input, Role.OPERATOR);
            DryRun.Output out = w.kit.call("dry-run", Map.of("id", k.id()));
            assertEquals(400, out.audience());
            assertEquals(400, out.holdout() + out.eligible());
            assertTrue(out.holdout() > 70 && out.holdout() < 130, "about a quarter: " + out.holdout());
        }
    }
}

package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.sending.DispatchTask;
import dev.operon.sdk.channel.Message;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dispatcher: one-off times, cron occurrences, triggers with a delay, live audiences. */
class SchedulesTest {

    @Test
    void oneOffWaitsForItsTimeAndCronRunsEachOccurrenceOnce() throws Exception {
        try (World w = new World()) {
            w.member(1, "7");
            Map<String, Object> later = new HashMap<>(World.emailCampaign("later", "7"));
            later.put("sendAt", Instant.now().plusSeconds(3600).toString());
            Campaign future = w.scheduled(later);
            Map<String, Object> weekly = new HashMap<>(World.emailCampaign("weekly", "7"));
            weekly.put("schedule", "cron");
            weekly.put("cron", "0 0 9 ? * MON");
            Campaign cron = w.scheduled(weekly);
            assertNotNull(cron.nextRunAt());

            DispatchTask.Output first = w.kit.<DispatchTask.Output>runTask("marketing.dispatch", Map.of()).output();
            assertEquals(2, first.campaigns());
            assertEquals(0, first.planned());
            assertEquals(0, w.email.delivered().size());

            // their time comes
            w.execute("UPDATE marketing_campaign SET next_run_at = now() - interval '1 second'");
            DispatchTask.Output due = w.kit.<DispatchTask.Output>runTask("marketing.dispatch", Map.of()).output();
            assertEquals(2, due.planned());
            assertEquals(2, due.report().sent());
            assertEquals(1, due.completed(), "the one-off campaign is done, the cron one goes on");
            Campaign afterCron = w.kit.call("get-campaign", Map.of("id", cron.id()));
            assertTrue(afterCron.nextRunAt().isAfter(Instant.now()), "next Monday 09:00");
            assertEquals("scheduled", afterCron.status());
            assertEquals("completed", w.kit.<Campaign>call("get-campaign", Map.of("id", future.id())).status());

            DispatchTask.Output again = w.kit.<DispatchTask.Output>runTask("marketing.dispatch", Map.of()).output();
            assertEquals(0, again.planned());
            assertEquals(2, w.email.delivered().size());
            assertEquals(1, w.count("SELECT count(*) FROM marketing_run WHERE campaign_id = " + cron.id()));
        }
    }

    @Test
    void triggeredAfterTheDelayOncePerUserAndLiveAudiencesDropLeavers() throws Exception {
        try (World w = new World()) {
            Map<String, Object> input = new HashMap<>(World.emailCampaign("abandoned cart", "7"));
            input.put("schedule", "trigger");
            input.put("triggerEvent", "Cart Abandoned");
            input.put("triggerDelay", "PT1H");
            input.put("audienceMode", "live");
            Campaign k = w.scheduled(input);
            w.member(1, "7");
            w.member(2, "7");
            w.member(3, "8");                                        // not in the audience segment
            Instant now = Instant.now();
            w.kit.events().track(1, "Cart Abandoned", now.minusSeconds(2 * 3600), Map.of());  // delay passed
            w.kit.events().track(2, "Cart Abandoned", now, Map.of());                         // due in an hour
            w.kit.events().track(3, "Cart Abandoned", now.minusSeconds(2 * 3600), Map.of());
            w.kit.runTask("marketing.dispatch", Map.of()).output();
            // event 1 happened before the campaign was scheduled: too old to trigger it
            assertEquals(0, w.email.delivered().size());
            assertEquals(0, w.count("SELECT count(*) FROM marketing_send WHERE profile_id = 1"));

            w.kit.events().track(1, "Cart Abandoned", Instant.now().plusSeconds(1), Map.of());
            w.execute("UPDATE marketing_send SET due_at = now() - interval '1 second' WHERE profile_id = 2");
            w.exit(2, "7");                                          // left before the message was due
            Thread.sleep(1100);
            w.kit.runTask("marketing.dispatch", Map.of()).output();
            assertEquals(1, w.count("SELECT count(*) FROM marketing_send WHERE profile_id = 1 AND status = 'planned'"),
                    "due an hour after its event");
            assertEquals("left segment", reason(w, 2));
            assertEquals("not in segment", reason(w, 3));

            w.execute("UPDATE marketing_send SET due_at = now() - interval '1 second' WHERE profile_id = 1");
            w.kit.events().track(1, "Cart Abandoned", Instant.now().plusSeconds(1), Map.of());  // again: once per user
            Thread.sleep(1100);
            w.kit.runTask("marketing.dispatch", Map.of()).output();
            assertEquals(List.of("u1@example.com"), w.email.delivered().stream().map(Message::recipient).toList());
        }
    }

    private static String reason(World w, long profileId) throws Exception {
        try (var c = w.kit.data().dataSource().getConnection(); var s = c.createStatement();
             var r = s.executeQuery("SELECT coalesce(reason, status) FROM marketing_send WHERE profile_id = " + profileId)) {
            return r.next() ? r.getString(1) : "not in segment";
        }
    }
}

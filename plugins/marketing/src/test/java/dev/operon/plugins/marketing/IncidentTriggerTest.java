package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.sending.DispatchTask;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Campaigns started by an anomaly incident opening: the anomaly plugin delivers its notification to the
 * {@code marketing.incident} channel (an ordinary rule target) with the incident id and transition as headers, as
 * its {@code Deliverer} does for channels other than e-mail and webhooks.
 */
class IncidentTriggerTest {

    private static Message notification(String recipient, long incident, String transition) {
        return new Message(recipient, "[anomaly] checkout latency " + transition, "details", null,
                Map.of("X-Operon-Incident", Long.toString(incident), "X-Operon-Incident-Transition", transition),
                "anomaly-" + incident + "-" + transition + "-1a2b");
    }

    @Test
    void anOpeningSendsOneRunToTheSegmentAfterTheDelayAndOtherTransitionsAreIgnored() throws Exception {
        try (World w = new World()) {
            for (long id = 1; id <= 3; id++) {
                w.member(id, "7");
            }
            Map<String, Object> input = new HashMap<>(World.emailCampaign("sorry for the outage", "7"));
            input.remove("sendAt");
            input.put("schedule", "incident");
            input.put("triggerDelay", "PT0S");
            Campaign k = w.scheduled(input);
            Channel trigger = w.kit.channels().find("marketing.incident").orElseThrow();

            assertTrue(trigger.send(notification(Long.toString(k.id()), 41, "acknowledged")).delivered());
            w.kit.runTask("marketing.dispatch", Map.of());
            assertEquals(0, w.email.delivered().size(), "only an opening starts the campaign");

            Delivery opened = trigger.send(notification(Long.toString(k.id()), 41, "open"));
            assertTrue(opened.delivered(), opened.toString());
            // the outbox may deliver the same notification again after a crash
            assertTrue(trigger.send(notification(Long.toString(k.id()), 41, "open")).delivered());
            DispatchTask.Output out = w.kit.<DispatchTask.Output>runTask("marketing.dispatch", Map.of()).output();
            assertEquals(3, out.planned());
            assertEquals(3, w.email.delivered().size());
            w.kit.runTask("marketing.dispatch", Map.of());
            assertEquals(3, w.email.delivered().size(), "one run per incident");
            assertEquals(1, w.count("SELECT count(*) FROM marketing_run WHERE run_key = 'incident-41'"));

            // a second incident is a second run; the budget (3 per week by default) still applies per user
            assertTrue(trigger.send(notification(Long.toString(k.id()), 42, "open")).delivered());
            assertEquals(3, w.kit.<DispatchTask.Output>runTask("marketing.dispatch", Map.of()).output().planned());
            assertEquals(6, w.email.delivered().size());
        }
    }

    @Test
    void theDelayIsHonouredAndBadTargetsArePermanentRejections() throws Exception {
        try (World w = new World()) {
            w.member(1, "7");
            Map<String, Object> input = new HashMap<>(World.emailCampaign("later", "7"));
            input.remove("sendAt");
            input.put("schedule", "incident");
            input.put("triggerDelay", "PT1H");
            Campaign k = w.scheduled(input);
            Map<String, Object> later = new HashMap<>(World.emailCampaign("plain", "7"));
            later.put("sendAt", java.time.Instant.now().plusSeconds(86_400).toString());
            Campaign plain = w.scheduled(later);
            Channel trigger = w.kit.channels().find("marketing.incident").orElseThrow();

            assertTrue(trigger.send(notification(Long.toString(k.id()), 7, "open")).delivered());
            assertEquals(0, w.kit.<DispatchTask.Output>runTask("marketing.dispatch", Map.of()).output().planned(),
                    "not before the delay");
            w.execute("UPDATE marketing_incident SET received_at = received_at - interval '2 hours'");
            assertEquals(1, w.kit.<DispatchTask.Output>runTask("marketing.dispatch", Map.of()).output().planned());

            Delivery notIncident = trigger.send(notification(Long.toString(plain.id()), 7, "open"));
            assertFalse(notIncident.delivered());
            assertTrue(notIncident.permanent());
            assertTrue(trigger.send(notification("checkout-team", 7, "open")).permanent());
            assertTrue(trigger.send(new Message(Long.toString(k.id()), "s", "t", null, Map.of(), "x")).permanent());
        }
    }
}

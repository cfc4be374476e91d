package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.inbox.InboxOperations;
import dev.operon.plugins.marketing.sending.SendTask;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.testkit.TaskHandle;
import dev.operon.sdk.testkit.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Delivery through the SDK channels with every guardrail, against a real PostgreSQL. */
class SendingTest {

    @Test
    void sendsPersonalisedMailsToCurrentMembersWithConsentOnly() throws Exception {
        try (World w = new World()) {
            w.member(1, "7");
            w.member(2, "7");
            w.member(3, "7");
            w.exit(3, "7");                                          // left the segment
            w.member(4, "8");                                        // another segment
            w.user(5, Map.of("email", "u5@example.com"), new Consent(Map.of(Consent.MARKETING, false)));
            w.enter(5, "7");                                         // no marketing consent
            w.user(6, Map.of("first_name", "NoMail"));
            w.enter(6, "7");                                         // no address
            w.member(9, "7");
            w.kit.call("suppress", Map.of("profileId", 9), Role.OPERATOR);   // unsubscribed earlier
            Campaign k = w.scheduled(World.emailCampaign("welcome", "7"));

            SendTask.Output out = w.send(k.id()).output();
            assertEquals(5, out.planned());
            assertEquals(2, out.report().sent());
            assertEquals(3, out.report().skipped());
            assertTrue(out.completed());
            assertEquals("completed", w.kit.<Campaign>call("get-campaign", Map.of("id", k.id())).status());

            Map<String, Message> byRecipient = w.email.delivered().stream()
                    .collect(Collectors.toMap(Message::recipient, Function.identity()));
            assertEquals(Set.of("u1@example.com", "u2@example.com"), byRecipient.keySet());
            Message m = byRecipient.get("u1@example.com");
            assertEquals("Hello Name1", m.subject());
            assertTrue(m.text().startsWith("Hi Name1, unsubscribe: https://shop.example/unsubscribe?token=1."), m.text());
            assertTrue(m.html().startsWith("<p>Hi Name1</p>"), m.html());
            assertTrue(m.headers().get("List-Unsubscribe").startsWith("<https://shop.example/unsubscribe?token=1."));
            assertEquals("List-Unsubscribe=One-Click", m.headers().get("List-Unsubscribe-Post"));
            assertEquals("marketing-" + k.id() + "-once-1", m.idempotencyKey());
            assertEquals(Map.of("consent", 1L, "no address", 1L, "unsubscribed", 1L), reasons(w, k));

            // the link unsubscribes exactly that user; a forged one is refused
            String token = m.headers().get("List-Unsubscribe").replaceAll(".*token=(.*)>", "$1");
            w.kit.call("unsubscribe", Map.of("token", token), Role.VIEWER);
            assertEquals(1, w.count("SELECT count(*) FROM marketing_suppression WHERE profile_id = 1"));
            OperationException forged = org.junit.jupiter.api.Assertions.assertThrows(OperationException.class,
                    () -> w.kit.call("unsubscribe", Map.of("token", "2" + token.substring(1)), Role.VIEWER));
            assertEquals(422, forged.status());
            assertEquals(0, w.count("SELECT count(*) FROM marketing_suppression WHERE profile_id = 2"));

            // the campaign is completed, so sending it again is refused and sends nothing
            TaskResult<SendTask.Output> again = w.send(k.id());
            assertEquals(TaskResult.State.FAILED, again.state());
            assertFalse(again.retryable());
            assertEquals(2, w.email.delivered().size());
        }
    }

    @Test
    void contactBudgetIsSharedByEveryCampaignAndChannel() throws Exception {
        try (World w = new World(Map.of("contact-budget", "2"))) {
            w.member(1, "7");
            w.member(2, "7");
            w.execute("INSERT INTO marketing_campaign (name, status, channel, audience_mode, schedule_kind,"
                    + " allocation, created_by) VALUES ('old', 'completed', 'webhook', 'snapshot', 'once', 'fixed', 'x')");
            // user 2 already got a webhook message yesterday from another campaign
            w.execute("INSERT INTO marketing_send (campaign_id, run_key, profile_id, variant, channel, status,"
                    + " idempotency_key, due_at, contact_at, sent_at) SELECT id, 'once', 2, 'A', 'webhook', 'sent',"
                    + " 'old-2', now(), now() - interval '1 day', now() - interval '1 day' FROM marketing_campaign");
            Campaign first = w.scheduled(World.emailCampaign("first", "7"));
            Campaign second = w.scheduled(World.emailCampaign("second", "7"));
            assertEquals(2, w.send(first.id()).output().report().sent());
            SendTask.Output out = w.send(second.id()).output();
            assertEquals(1, out.report().sent());
            assertEquals(1, out.report().skipped());
            assertEquals(Map.of("budget", 1L), reasons(w, second));
            assertEquals(List.of("u1@example.com", "u1@example.com", "u2@example.com"),
                    w.email.delivered().stream().map(Message::recipient).sorted().toList());
        }
    }

    @Test
    void quietHoursDeferToTheirEndInTheUsersTimeZone() throws Exception {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        LocalTime local = LocalTime.now(tokyo);
        String start = local.minusHours(1).withSecond(0).withNano(0).toString();
        String end = local.plusHours(1).withSecond(0).withNano(0).toString();
        try (World w = new World(Map.of("quiet-hours-start", start, "quiet-hours-end", end))) {
            w.user(1, Map.of("email", "tokyo@example.com", "timezone", "Asia/Tokyo", "first_name", "T"));
            w.enter(1, "7");
            // twelve hours away from Tokyo: outside the same local hours (the window is two hours wide)
            w.user(2, Map.of("email", "far@example.com", "timezone", "America/Los_Angeles", "first_name", "L"));
            w.enter(2, "7");
            Campaign k = w.scheduled(World.emailCampaign("night", "7"));
            SendTask.Output out = w.send(k.id()).output();
            assertEquals(1, out.report().sent());
            assertEquals(1, out.report().deferred());
            assertFalse(out.completed());
            assertEquals(List.of("far@example.com"), w.email.delivered().stream().map(Message::recipient).toList());
            Instant due = Instant.parse(dueOf(w, 1));
            java.time.ZonedDateTime nowTokyo = java.time.ZonedDateTime.now(tokyo);
            java.time.ZonedDateTime expectedEnd = nowTokyo.with(LocalTime.parse(end));
            if (!expectedEnd.isAfter(nowTokyo)) {
                expectedEnd = expectedEnd.plusDays(1);
            }
            assertEquals(expectedEnd.toInstant(), due, "deferred to the end of the quiet hours in Tokyo");
            assertEquals(1, w.count("SELECT count(*) FROM marketing_send WHERE status = 'deferred' AND contact_at IS NULL"),
                    "a deferred message does not use the budget yet");
        }
    }

    @Test
    void failedDeliveriesAreRetriedWithoutEverSendingTwice() throws Exception {
        try (World w = new World(Map.of("send-attempts", "3"))) {
            for (long id = 1; id <= 5; id++) {
                w.member(id, "7");
            }
            w.email.failNext(4);
            Campaign k = w.scheduled(World.emailCampaign("flaky", "7"));
            SendTask.Output out = w.send(k.id()).output();
            assertEquals(5, out.report().sent());
            assertEquals(0, out.report().failed());
            assertEquals(9, w.email.attempts());
            assertEquals(5, w.email.delivered().stream().map(Message::recipient).distinct().count());
            assertEquals(5, w.email.delivered().size());
            assertEquals(9, w.count("SELECT sum(attempts) FROM marketing_send WHERE campaign_id = " + k.id()));

            // a channel down for longer than the attempts allow: failed, not retried for ever
            w.member(6, "8");
            w.email.failNext(100);
            Campaign down = w.scheduled(World.emailCampaign("down", "8"));
            SendTask.Output failed = w.send(down.id()).output();
            assertEquals(1, failed.report().failed());
            assertEquals(1, w.count("SELECT count(*) FROM marketing_send WHERE status = 'failed' AND attempts = 3"));
            assertEquals(0, w.count("SELECT count(*) FROM marketing_send WHERE profile_id = 6 AND contact_at IS NOT NULL"),
                    "an undelivered message does not use the budget");
        }
    }

    @Test
    void stoppedMidSendThenRunAgainSendsEveryoneExactlyOnce() throws Exception {
        try (World w = new World(Map.of("rate-limit-email", "200", "batch-size", "25"))) {
            int n = 400;
            for (long id = 1; id <= n; id++) {
                w.member(id, "7");
            }
            Campaign k = w.scheduled(World.emailCampaign("big", "7"));
            TaskHandle<SendTask.Output> handle = w.kit.startTask("marketing.send", Map.of("campaignId", k.id()));
            assertTrue(handle.awaitProgress(25, Duration.ofSeconds(60)));
            TaskResult<SendTask.Output> stopped = handle.cancel().await();
            assertEquals(TaskResult.State.CANCELLED, stopped.state());
            int before = w.email.delivered().size();
            assertTrue(before > 0 && before < n, "stopped mid-way: " + before);

            // as if the process had died between committing a claim and calling the channel
            w.execute("UPDATE marketing_send SET status = 'sending', attempts = attempts + 1, contact_at = now(),"
                    + " recipient = 'u' || profile_id || '@example.com' WHERE id IN (SELECT id FROM marketing_send WHERE status = 'planned' ORDER BY id LIMIT 3)");

            SendTask.Output rest = w.send(k.id()).output();
            assertEquals(3, rest.report().resent(), rest.toString());
            assertEquals(n, w.email.delivered().size());
            Map<String, Long> perRecipient = w.email.delivered().stream()
                    .collect(Collectors.groupingBy(Message::recipient, Collectors.counting()));
            assertEquals(n, perRecipient.size(), "nobody skipped");
            assertTrue(perRecipient.values().stream().allMatch(c -> c == 1), "nobody twice");
            assertEquals(n, w.email.delivered().stream().map(Message::idempotencyKey).distinct().count());
            assertTrue(rest.completed());
        }
    }

    @Test
    void killSwitchesStopSending() throws Exception {
        try (World w = new World(Map.of("rate-limit-email", "50", "batch-size", "10"))) {
            for (long id = 1; id <= 200; id++) {
                w.member(id, "7");
            }
            Campaign k = w.scheduled(World.emailCampaign("stop me", "7"));
            TaskHandle<SendTask.Output> handle = w.kit.startTask("marketing.send", Map.of("campaignId", k.id()));
            assertTrue(handle.awaitProgress(10, Duration.ofSeconds(60)));
            w.kit.call("kill-campaign", Map.of("id", k.id()), Role.OPERATOR);
            SendTask.Output out = handle.await().output();
            assertTrue(out.report().stopped().startsWith("campaign killed"), out.report().stopped());
            int sent = w.email.delivered().size();
            assertTrue(sent < 200, "stopped early: " + sent);
            Thread.sleep(300);
            assertEquals(sent, w.email.delivered().size());

            w.kit.configure("sending-enabled", "false");
            w.member(300, "8");
            Campaign other = w.scheduled(World.emailCampaign("global stop", "8"));
            SendTask.Output none = w.send(other.id()).output();
            assertEquals(0, none.report().sent());
            assertTrue(none.report().stopped().contains("sending-enabled"));
            w.kit.configure("sending-enabled", "true");
            assertEquals(1, w.send(other.id()).output().report().sent());
        }
    }

    @Test
    void permanentRejectionsAreRecordedAsBouncesAndSuppressed() throws Exception {
        try (World w = new World()) {
            w.member(1, "7");
            w.email.rejectAll(true);
            Campaign k = w.scheduled(World.emailCampaign("bouncy", "7"));
            assertEquals(1, w.send(k.id()).output().report().bounced());
            assertEquals(1, w.count("SELECT count(*) FROM marketing_bounce WHERE profile_id = 1 AND kind = 'hard'"));
            assertEquals(1, w.count("SELECT count(*) FROM marketing_suppression WHERE profile_id = 1"
                    + " AND channel = 'email' AND reason = 'bounce'"));

            // a bounce reported later by the mail system, by message key
            w.email.rejectAll(false);
            w.member(2, "8");
            Campaign later = w.scheduled(World.emailCampaign("later", "8"));
            w.send(later.id());
            Map<String, Object> bounce = Map.of("idempotencyKey", "marketing-" + later.id() + "-once-2",
                    "kind", "hard", "detail", "550 no such user");
            // the suppression, written last, fails: the bounce row and the status change are rolled back, no audit
            w.execute("CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
            w.execute("CREATE TRIGGER test_refuse BEFORE INSERT ON marketing_suppression"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION test_refuse()");
            org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> w.kit.call("record-bounce", bounce, Role.OPERATOR));
            w.execute("DROP TRIGGER test_refuse ON marketing_suppression");
            assertEquals(0, w.count("SELECT count(*) FROM marketing_bounce WHERE profile_id = 2"));
            assertEquals(1, w.count("SELECT count(*) FROM marketing_send WHERE profile_id = 2 AND status = 'sent'"));
            assertFalse(w.kit.auditLog().stream().anyMatch(a -> a.operation().equals("record-bounce")
                    && a.outcome() == dev.operon.sdk.testkit.AuditRecord.Outcome.SUCCEEDED));

            w.kit.call("record-bounce", bounce, Role.OPERATOR);
            assertEquals(1, w.count("SELECT count(*) FROM marketing_send WHERE profile_id = 2 AND status = 'bounced'"));
            assertEquals(422, org.junit.jupiter.api.Assertions.assertThrows(OperationException.class,
                    () -> w.kit.call("record-bounce", Map.of("idempotencyKey", "x", "kind", "medium"),
                            Role.OPERATOR)).status());
        }
    }

    @Test
    void inAppMessagesLandInTheFeedAndWebhooksGoToTheUrl() throws Exception {
        try (World w = new World()) {
            w.member(1, "7");
            Map<String, Object> inapp = new HashMap<>(World.emailCampaign("feed", "7"));
            inapp.put("channel", "inapp");
            inapp.put("variants", List.of(Map.of("name", "A", "subject", "For {user.first_name}",
                    "text", "20% off today")));
            Campaign k = w.scheduled(inapp);
            assertEquals(1, w.send(k.id()).output().report().sent());
            List<InboxOperations.InboxMessage> feed = w.kit.call("inbox", Map.of("user", "user-1"));
            assertEquals(1, feed.size());
            assertEquals("For Name1", feed.get(0).title());
            w.kit.call("mark-read", Map.of("messageId", feed.get(0).id(), "profileId", 1), Role.OPERATOR);
            List<InboxOperations.InboxMessage> unread = w.kit.call("inbox", Map.of("profileId", 1, "unreadOnly", true));
            assertEquals(0, unread.size());

            Map<String, Object> hook = new HashMap<>(World.emailCampaign("hook", "7"));
            hook.put("channel", "webhook");
            hook.put("webhookUrl", "https://crm.example/hook");
            hook.put("variants", List.of(Map.of("name", "A", "text", "{\"user\": {profileId}}")));
            Campaign h = w.scheduled(hook);
            assertEquals(1, w.send(h.id()).output().report().sent());
            Message sent = w.webhook.delivered().get(0);
            assertEquals("https://crm.example/hook", sent.recipient());
            assertEquals("{\"user\": 1}", sent.text());
            assertNotNull(sent.idempotencyKey());
        }
    }

    private static String dueOf(World w, long profileId) throws Exception {
        try (var c = w.kit.data().dataSource().getConnection(); var s = c.createStatement();
             var r = s.executeQuery("SELECT due_at FROM marketing_send WHERE status = 'deferred' AND profile_id = "
                     + profileId)) {
            r.next();
            return r.getObject(1, java.time.OffsetDateTime.class).toInstant().toString();
        }
    }

    private static Map<String, Long> reasons(World w, Campaign k) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (var c = w.kit.data().dataSource().getConnection(); var s = c.createStatement();
             var r = s.executeQuery("SELECT reason, count(*) FROM marketing_send WHERE status = 'skipped'"
                     + " AND campaign_id = " + k.id() + " GROUP BY reason")) {
            while (r.next()) {
                out.put(r.getString(1), r.getLong(2));
            }
        }
        return out;
    }
}

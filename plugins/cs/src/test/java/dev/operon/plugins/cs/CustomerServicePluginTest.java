package dev.operon.plugins.cs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.cs.conversations.Inbound;
import dev.operon.plugins.cs.conversations.ReplyDelivery;
import dev.operon.plugins.cs.conversations.SlaCheckTask;
import dev.operon.plugins.cs.training.IntentTrainTask;
import dev.operon.plugins.cs.understanding.IntentModelType;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.privacy.DataSubject;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.testkit.AuditRecord;
import dev.operon.sdk.testkit.InvalidInputException;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.RecordingChannel;
import dev.operon.sdk.testkit.TaskResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin through the SDK test kit, with the real encoders and a real DJL engine: one model trained once on
 * {@link Fixtures}, then conversations against it.
 */
class CustomerServicePluginTest {

    private static final String EMAIL = "jane.doe@example.com";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String PHONE = "+44 20 7946 0958";

    private static PluginTestKit kit;
    private static RecordingChannel alerts;

    @BeforeAll
    static void trainAndWriteArticles() throws Exception {
        kit = PluginTestKit.start(new CustomerServicePlugin(), Map.of(
                CsConfig.FIRST_RESPONSE_TIME, "PT2S", CsConfig.URGENT_FIRST_RESPONSE_TIME, "PT2S",
                CsConfig.ALERT_RECIPIENT, "support-leads@example.com",
                // encoder fine-tuning has its own tests (FineTunedTrainingTest)
                CsConfig.FINE_TUNE_EPOCHS, "0"));
        alerts = kit.channels().add(new RecordingChannel("notify.email").failNext(1));
        List<Map<String, String>> examples = new ArrayList<>();
        for (String[] row : Fixtures.training()) {
            examples.add(Map.of("text", row[0], "label", row[1]));
        }
        kit.call("add-training-examples", Map.of("examples", examples));
        TaskResult<IntentTrainTask.Output> run = kit.runTask("cs.intent-train", Map.of());
        assertEquals(TaskResult.State.SUCCEEDED, run.state(), run.errorMessage());
        assertEquals(1, kit.models().champion(IntentModelType.ID).orElseThrow().version());
        kit.call("import-articles", Map.of("markdown", """
                # When will my card arrive?
                intent: card_arrival
                New cards arrive within 5 working days of the order. You can follow the delivery in the app under
                Cards, Track delivery; after 10 working days we send a new one free of charge.

                ## Lost or stolen card
                intent: lost_card
                Freeze the card at once in the app under Cards, Freeze, then order a replacement card.
                """));
        kit.call("put-operator", Map.of("name", "alice", "capacity", 1), Operation.Role.ADMIN);
        kit.call("put-operator", Map.of("name", "bob", "capacity", 1), Operation.Role.ADMIN);
    }

    @AfterAll
    static void stop() {
        kit.close();
    }

    private static Inbound.Result receive(String customer, String text) throws Exception {
        Map<String, Object> in = new HashMap<>();
        in.put("channel", "chat");
        in.put("customerId", customer);
        in.put("text", text);
        return kit.call("receive-message", in);
    }

    @Test
    void aConfidentMessageWithAnArticleIsAnsweredAutomaticallyAndAudited() throws Exception {
        Inbound.Result r = receive("c-auto", "My new card still has not arrived, when will it come?");
        assertEquals("card_arrival", r.intent());
        assertEquals("bot", r.state(), r.handoffReason());
        assertTrue(r.reply().startsWith("New cards arrive within 5 working days"), r.reply());
        AuditRecord audit = kit.auditLog().get(kit.auditLog().size() - 1);
        assertEquals("receive-message", audit.operation());
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) audit.after();
        assertEquals(true, after.get("automaticReply"));
        assertEquals(1, after.get("modelVersion"));
        assertEquals(r.confidence(), after.get("confidence"));
    }

    @Test
    void repliesLeaveThroughTheReplyChannelOnceAndTheTaskRetriesTheOnesThatFailed() throws Exception {
        RecordingChannel replies = kit.channels().add(new RecordingChannel("notify.webhook"));
        kit.configure(CsConfig.REPLY_CHANNEL, "notify.webhook");
        kit.configure(CsConfig.REPLY_RECIPIENT, "https://chat.example.com/replies");
        try {
            Inbound.Result auto = receive("c-deliver", "My new card still has not arrived, when will it come?");
            assertEquals("bot", auto.state(), auto.handoffReason());
            assertEquals(1, replies.delivered().size(), "the bot's reply is sent right after it is stored");
            Message sent = replies.delivered().get(0);
            assertEquals("https://chat.example.com/replies", sent.recipient());
            assertEquals(auto.reply(), sent.text());
            assertEquals(Long.toString(auto.conversationId()), sent.headers().get("X-Operon-Conversation"));
            assertEquals("c-deliver", sent.headers().get("X-Operon-Customer"));
            assertEquals("chat", sent.headers().get("X-Operon-Channel"));
            assertEquals("bot", sent.headers().get("X-Operon-Author"));
            assertEquals("delivered", lastMessage(auto.conversationId()).get("delivery"));

            // the receiver is down: the operator's reply is stored and stays pending; the task sends it, once
            replies.failNext(1);
            kit.call("reply", Map.of("conversationId", auto.conversationId(), "text", "We sent it by courier"));
            Map<String, Object> pending = lastMessage(auto.conversationId());
            assertEquals("pending", pending.get("delivery"));
            assertEquals(1, pending.get("deliveryAttempts"));
            assertTrue(String.valueOf(pending.get("deliveryDetail")).contains("told to fail"),
                    String.valueOf(pending.get("deliveryDetail")));
            TaskResult<ReplyDelivery.Pass> retry = kit.runTask("cs.reply-delivery", Map.of());
            assertEquals(TaskResult.State.SUCCEEDED, retry.state(), retry.errorMessage());
            assertEquals(new ReplyDelivery.Pass(1, 0, 0), retry.output());
            assertEquals(2, replies.delivered().size());
            Message operator = replies.delivered().get(1);
            assertEquals("We sent it by courier", operator.text());
            assertEquals("operator", operator.headers().get("X-Operon-Author"));
            assertEquals("cs-reply-" + pending.get("id"), operator.idempotencyKey());
            assertEquals("delivered", lastMessage(auto.conversationId()).get("delivery"));
            assertEquals(new ReplyDelivery.Pass(0, 0, 0), kit.runTask("cs.reply-delivery", Map.of()).output(),
                    "a delivered reply is not sent again");
            assertEquals(2, replies.delivered().size());

            // a permanent refusal is final: marked failed at once, never retried
            replies.rejectAll(true);
            kit.call("reply", Map.of("conversationId", auto.conversationId(), "text", "Anything else?"));
            assertEquals("failed", lastMessage(auto.conversationId()).get("delivery"));
            int attempts = replies.attempts();
            assertEquals(new ReplyDelivery.Pass(0, 0, 0), kit.runTask("cs.reply-delivery", Map.of()).output());
            assertEquals(attempts, replies.attempts());
        } finally {
            kit.configure(CsConfig.REPLY_CHANNEL, null);
            kit.configure(CsConfig.REPLY_RECIPIENT, null);
            replies.rejectAll(false);
        }
        Inbound.Result unsent = receive("c-no-channel", "My new card still has not arrived, when will it come?");
        assertEquals("bot", unsent.state(), unsent.handoffReason());
        assertNull(lastMessage(unsent.conversationId()).get("delivery"), "no reply channel: nothing to deliver");
    }

    private static Map<String, Object> lastMessage(long conversationId) throws Exception {
        Map<String, Object> view = kit.call("conversation", Map.of("conversationId", conversationId));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) view.get("messages");
        return messages.get(messages.size() - 1);
    }

    @Test
    void lowConfidenceHandsOffWithTheSuggestedIntentAndArticles() throws Exception {
        kit.configure(CsConfig.AUTO_REPLY_MIN_CONFIDENCE, "0.999");
        try {
            Inbound.Result r = receive("c-low", "My card has not come yet");
            assertEquals("human", r.state());
            assertNull(r.reply());
            assertTrue(r.handoffReason().startsWith("low confidence"), r.handoffReason());
            assertEquals("card_arrival", r.intent());
            assertFalse(r.suggestedArticles().isEmpty());
        } finally {
            kit.configure(CsConfig.AUTO_REPLY_MIN_CONFIDENCE, "0.7");
        }
        Inbound.Result oos = receive("c-oos", "What is a good recipe for lasagne?");
        assertEquals("human", oos.state());
        assertNull(oos.reply());
    }

    @Test
    void anUrgentOrAngryMessageIsNeverAnsweredByTheBot() throws Exception {
        Inbound.Result urgent = receive("c-urgent", "I lost my card, someone used it, block it immediately");
        assertEquals("human", urgent.state());
        assertTrue(urgent.urgent());
        assertEquals("the message reads as urgent", urgent.handoffReason());
        Inbound.Result angry = receive("c-angry", "This is RIDICULOUS and UNACCEPTABLE!! Where is my card?!");
        assertEquals("human", angry.state());
        assertTrue(angry.angry());
    }

    @Test
    void personalDataNeverReachesStorageLogsOrAudit() throws Exception {
        String text = "Card " + CARD + " lost, mail me at " + EMAIL + " or call " + PHONE;
        Inbound.Result r = receive("c-pii", text);
        Map<String, Object> c = kit.call("correct-intent", Map.of("conversationId", r.conversationId(),
                "label", "lost_card"));
        assertNotNull(c.get("trainingExampleId"));
        kit.call("reply", Map.of("conversationId", r.conversationId(), "text", "We called " + PHONE));
        StringBuilder stored = new StringBuilder();
        try (Connection connection = kit.data().dataSource().getConnection();
             Statement s = connection.createStatement()) {
            for (String table : List.of("cs_message", "cs_training_example", "cs_conversation")) {
                try (ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
                    while (rows.next()) {
                        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                            stored.append(rows.getString(i)).append('|');
                        }
                    }
                }
            }
        }
        String all = stored + kit.auditLog().stream().map(a -> String.valueOf(a.input()) + a.before() + a.after())
                .reduce("", String::concat) + kit.runTask("cs.sla-check", Map.of()).logs();
        for (String secret : List.of(EMAIL, CARD, CARD.replace(" ", ""), PHONE, "7946 0958")) {
            assertFalse(all.contains(secret), "found " + secret);
        }
        assertTrue(stored.toString().contains("Card [card] lost, mail me at [email] or call [phone]"));
    }

    @Test
    void badInputGetsAClearError() throws Exception {
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> receive("c-bad", " "));
        assertEquals(List.of("text"), empty.fields());
        OperationException oversize = assertThrows(OperationException.class, () -> receive("c-bad", "a".repeat(4001)));
        assertEquals(422, oversize.status());
        assertEquals("text", oversize.errors().get(0).field());
        Map<String, Object> unknown = new LinkedHashMap<>(Map.of("channel", "chat", "customerId", "c-bad",
                "text", "hello", "conversationId", 987654));
        OperationException missing = assertThrows(OperationException.class, () -> kit.call("receive-message", unknown));
        assertEquals(404, missing.status());
        assertEquals(404, assertThrows(OperationException.class, () -> kit.call("reply",
                Map.of("conversationId", 987654, "text", "hi"))).status());
    }

    @Test
    void slaBreachesAreMarkedOnceAndAlertedThroughTheChannelWithRetries() throws Exception {
        Inbound.Result r = receive("c-sla", "I lost my card and nobody answers, please help me right now");
        Thread.sleep(2500);
        TaskResult<SlaCheckTask.Output> first = kit.runTask("cs.sla-check", Map.of());
        assertEquals(TaskResult.State.SUCCEEDED, first.state(), first.errorMessage());
        assertTrue(first.output().firstResponseBreaches() >= 1);
        assertTrue(alerts.delivered().stream().anyMatch(m -> m.subject().equals("SLA breach: conversation "
                + r.conversationId())), "alerted after a failed attempt");
        Map<String, Object> view = kit.call("conversation", Map.of("conversationId", r.conversationId()));
        assertNotNull(view.get("firstResponseBreach"));
        TaskResult<SlaCheckTask.Output> second = kit.runTask("cs.sla-check", Map.of());
        long again = alerts.delivered().stream().filter(m -> m.subject().equals("SLA breach: conversation "
                + r.conversationId())).count();
        assertEquals(1, again, "a breach is alerted once");
        assertTrue(kit.metrics().counter("sla.breaches", "kind", "first response") >= 1);
        assertEquals(TaskResult.State.SUCCEEDED, second.state());
    }

    @Test
    void roundRobinRespectsCapacityAndCsatComesAfterResolution() throws Exception {
        List<Map<String, Object>> open = kit.call("inbox", Map.of());
        for (Map<String, Object> conversation : open) {
            kit.call("resolve", Map.of("conversationId", conversation.get("id")));
        }
        Inbound.Result a = receive("c-rr1", "Tell me a joke about banks");
        Inbound.Result b = receive("c-rr2", "Recommend a film for tonight");
        Inbound.Result c = receive("c-rr3", "Who will win the election?");
        for (Inbound.Result r : List.of(a, b, c)) {
            assertEquals("human", r.state());
        }
        assertEquals(java.util.Set.of("alice", "bob"), java.util.Set.of(a.operator(), b.operator()),
                "one each, in turn");
        assertNull(c.operator(), "both operators are at capacity: the third waits");

        OperationException early = assertThrows(OperationException.class, () -> kit.call("rate",
                Map.of("conversationId", a.conversationId(), "score", 5)));
        assertEquals(409, early.status());
        kit.call("resolve", Map.of("conversationId", a.conversationId()));
        Map<String, Object> waiting = kit.call("conversation", Map.of("conversationId", c.conversationId()));
        assertEquals(a.operator(), waiting.get("operator"), "the freed operator takes the waiting conversation");
        Map<String, Object> rated = kit.call("rate", Map.of("conversationId", a.conversationId(), "score", 4));
        assertEquals(4, rated.get("csat"));
        assertEquals(409, assertThrows(OperationException.class, () -> kit.call("rate",
                Map.of("conversationId", a.conversationId(), "score", 5))).status(), "rated once");
    }

    @Test
    void personalDataExportAndEraseCoverMessagesAndTrainingExamples() throws Exception {
        kit.profiles().add(77, "user-77", Map.of(), ProfileFeatures.none(java.time.Instant.now()));
        Inbound.Result r = receive("user-77", "Lost my card on the train");
        kit.call("correct-intent", Map.of("conversationId", r.conversationId(), "label", "lost_card"));
        DataSubject subject = new DataSubject(77, null, java.util.Set.of("user-77"), null);
        var hook = new CustomerServicePlugin().personalData().orElseThrow();
        Map<String, Object> export = hook.export(subject, kit.data());
        assertTrue(export.toString().contains("Lost my card on the train"), export.toString());
        assertTrue(export.containsKey("trainingExamples"));
        // the conversations' delete fails after the training examples' one: both are rolled back
        try (Connection c = kit.data().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
            s.execute("CREATE TRIGGER test_refuse BEFORE DELETE ON cs_conversation"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION test_refuse()");
        }
        try {
            assertThrows(SQLException.class, () -> hook.erase(subject, kit.data()));
        } finally {
            try (Connection c = kit.data().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER test_refuse ON cs_conversation");
                s.execute("DROP FUNCTION test_refuse()");
            }
        }
        assertEquals(export, hook.export(subject, kit.data()));
        hook.erase(subject, kit.data());
        hook.erase(subject, kit.data());
        assertTrue(hook.export(subject, kit.data()).isEmpty());
        assertEquals(404, assertThrows(OperationException.class, () -> kit.call("conversation",
                Map.of("conversationId", r.conversationId()))).status());
    }
}

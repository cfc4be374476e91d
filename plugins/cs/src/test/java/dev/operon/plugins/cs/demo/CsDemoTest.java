package dev.operon.plugins.cs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.cs.CsConfig;
import dev.operon.plugins.cs.CustomerServicePlugin;
import dev.operon.plugins.cs.conversations.Inbound;
import dev.operon.plugins.cs.understanding.IntentModelType;
import dev.operon.sdk.testkit.PluginTestKit;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsDemoTest {

    @Test
    void theDemoDeskIsTrainedAndUnderstandsAShopQuestion() throws Exception {
        // encoder fine-tuning has its own tests (FineTunedTrainingTest): the demo desk here trains without it
        try (PluginTestKit kit = PluginTestKit.start(new CustomerServicePlugin(),
                Map.of(CsConfig.FINE_TUNE_EPOCHS, "0"))) {
            List<String> log = kit.seedDemo(Instant.parse("2026-11-01T00:00:00Z"), List.of(), 3);
            assertEquals(2 + CsDemo.INBOX.size(), log.size(), log::toString);
            assertEquals("ran cs.intent-train: SUCCEEDED", log.get(1));
            assertEquals(java.util.Collections.nCopies(CsDemo.INBOX.size(), "did receive-message: ok"),
                    log.subList(2, log.size()), "the customers write in once the model is trained");
            assertEquals(1, kit.models().champion(IntentModelType.ID).orElseThrow().version());

            // the inbox holds every customer's conversation, classified by the trained model; the angry and the
            // urgent ones went to a person, whatever the model thought; alice and bob took hand-offs up to their
            // capacity (5 and 3), the rest wait
            List<Map<String, Object>> inbox = kit.call("inbox", Map.of("limit", 100));
            assertEquals(CsDemo.INBOX.size(), inbox.size(), inbox::toString);
            assertTrue(inbox.stream().allMatch(c -> c.get("intent") != null), inbox::toString);
            Map<String, Object> angry = inbox.stream().filter(c -> Boolean.TRUE.equals(c.get("angry")))
                    .findFirst().orElseThrow(() -> new AssertionError("no angry conversation: " + inbox));
            assertEquals("human", angry.get("state"), angry::toString);
            assertTrue(inbox.stream().anyMatch(c -> "alice".equals(c.get("operator"))), inbox::toString);
            assertTrue(inbox.stream().anyMatch(c -> "bob".equals(c.get("operator"))), inbox::toString);
            Map<String, Object> urgent = inbox.stream().filter(c -> Boolean.TRUE.equals(c.get("urgent")))
                    .findFirst().orElseThrow(() -> new AssertionError("no urgent conversation: " + inbox));
            assertEquals("human", urgent.get("state"), urgent::toString);
            assertTrue(inbox.stream().anyMatch(c -> "bot".equals(c.get("state"))),
                    "some messages were answered automatically: " + inbox);
            assertEquals(List.of(), kit.seedDemo(Instant.parse("2026-11-01T00:00:00Z"), List.of(), 3),
                    "seeding again adds nothing and trains nothing");

            Map<String, Object> in = new HashMap<>();
            in.put("channel", "chat");
            in.put("customerId", "demo-customer");
            in.put("text", "I would like to send the broken hose back and get a refund");
            Inbound.Result result = kit.call("receive-message", in);
            assertEquals("return_refund", result.intent());
            assertNotNull(result.suggestedArticles());
            boolean suggested = result.suggestedArticles().stream()
                    .anyMatch(a -> a.title().equals("Returns and refunds"));
            boolean answered = result.reply() != null && result.reply().startsWith("You can return any item");
            assertTrue(suggested || answered, "answered or handed off with the article: " + result);
        }
    }
}

package dev.operon.plugins.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.operon.plugins.notify.admin.ListChannels;
import dev.operon.plugins.notify.admin.SendTestMessage;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.testkit.AccessDeniedException;
import dev.operon.sdk.testkit.AuditRecord;
import dev.operon.sdk.testkit.InvalidInputException;
import dev.operon.sdk.testkit.PluginRefusedException;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.RecordingChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The plugin as the platform sees it, through the SDK test kit: channels, the test action, the channels query. */
class NotifyPluginTest {

    @Test
    void offersBothChannelsToEveryPlugin() {
        try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin())) {
            assertEquals(List.of("notify.email", "notify.webhook"),
                    kit.channels().list().stream().map(Channel::id).toList());
        }
    }

    @Test
    void theTestActionSendsThroughAWebhookAndIsAuditedWithoutTheUrlsToken() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/T0KEN";
        try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin())) {
            SendTestMessage.Result result = kit.call("test", Map.of("channel", "notify.webhook", "recipient", url,
                    "format", "slack"), Operation.Role.ADMIN);

            assertEquals("delivered", result.outcome());
            assertEquals("notify.webhook", result.channel());
            assertEquals("http://127.0.0.1:" + server.getAddress().getPort() + "/…", result.recipient());
            assertEquals(1, bodies.size());
            assertTrue(bodies.get(0).contains("\"text\":\"Operon test message\\nA test message sent by test:admin"),
                    bodies.get(0));
            assertTrue(keys.get(0).startsWith("operon-test-"), keys.get(0));
            AuditRecord audit = kit.auditLog().get(kit.auditLog().size() - 1);
            assertEquals(AuditRecord.Outcome.SUCCEEDED, audit.outcome());
            assertEquals(result, audit.after());
            assertFalse(String.valueOf(audit.after()).contains("T0KEN"));
            assertFalse(String.valueOf(audit.input()).contains("T0KEN"),
                    "the raw input (a URL with its token) stays out of the audit record");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theTestActionIsForAdminsOnlyAndNeedsAnActiveChannel() {
        try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin())) {
            Map<String, String> input = Map.of("channel", "notify.email", "recipient", "ops@example.com");
            assertThrows(AccessDeniedException.class, () -> kit.call("test", input, Operation.Role.OPERATOR));
            assertEquals(AuditRecord.Outcome.DENIED, kit.auditLog().get(0).outcome());
            OperationException missing = assertThrows(OperationException.class, () -> kit.call("test",
                    Map.of("channel", "notify.sms", "recipient", "+100"), Operation.Role.ADMIN));
            assertEquals(404, missing.status());
            assertTrue(missing.getMessage().contains("notify.email"), missing.getMessage());
            assertThrows(InvalidInputException.class, () -> kit.call("test", Map.of("channel", " ",
                    "recipient", "ops@example.com"), Operation.Role.ADMIN));
        }
    }

    @Test
    void theTestActionReportsRejectionsAndFailuresAsOutcomes() throws Exception {
        int closedPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
        try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), Map.of("smtp-host", "127.0.0.1",
                "smtp-port", String.valueOf(closedPort), "smtp-security", "none", "from", "ops@operon.test"))) {
            SendTestMessage.Result failed = kit.call("test", Map.of("channel", "notify.email",
                    "recipient", "ops@example.com"), Operation.Role.ADMIN);
            assertEquals("failed", failed.outcome());
            SendTestMessage.Result rejected = kit.call("test", Map.of("channel", "notify.email",
                    "recipient", "no address"), Operation.Role.ADMIN);
            assertEquals("rejected", rejected.outcome());
            assertEquals(2, kit.auditLog().size());
        }
    }

    @Test
    void theTestActionCanSendThroughAnotherPluginsChannel() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin())) {
            RecordingChannel chat = kit.channels().add(new RecordingChannel("chat.room"));
            SendTestMessage.Result result = kit.call("test", Map.of("channel", "chat.room", "recipient", "#ops",
                    "subject", "Hello", "text", "from the console"), Operation.Role.ADMIN);
            assertEquals("delivered", result.outcome());
            Message sent = chat.delivered().get(0);
            assertEquals("#ops", sent.recipient());
            assertEquals("Hello", sent.subject());
            assertEquals("from the console", sent.text());
        }
    }

    @Test
    void theChannelsQueryTellsWhatIsConfiguredAndNeverShowsTheSecret() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new NotifyPlugin(), Map.of("smtp-password", "hunter2"))) {
            kit.channels().add(new RecordingChannel("chat.room"));
            List<ListChannels.ChannelStatus> unconfigured = kit.call("channels", Map.of());
            assertEquals(List.of("notify.email", "notify.webhook", "chat.room"),
                    unconfigured.stream().map(ListChannels.ChannelStatus::id).toList());
            assertEquals(Boolean.FALSE, unconfigured.get(0).ready());
            assertTrue(unconfigured.get(0).status().contains("smtp-host"), unconfigured.get(0).status());
            assertEquals(Boolean.TRUE, unconfigured.get(1).ready());
            assertNull(unconfigured.get(2).ready());

            kit.configure("smtp-host", "smtp.example.com");
            kit.configure("from", "Operon <ops@example.com>");
            kit.configure("smtp-username", "mailer");
            List<ListChannels.ChannelStatus> configured = kit.call("channels", Map.of());
            assertEquals(Boolean.TRUE, configured.get(0).ready());
            assertEquals("ready: smtp.example.com:587 starttls, auth as mailer, from ops@example.com",
                    configured.get(0).status());
            assertFalse(configured.toString().contains("hunter2"));
        }
    }

    @Test
    void malformedPerUrlSettingsRefuseTheStart() {
        PluginRefusedException format = assertThrows(PluginRefusedException.class, () -> PluginTestKit.start(
                new NotifyPlugin(), Map.of("webhook-formats", "https://hooks.example.com/ teams")));
        assertTrue(format.getMessage().contains("teams"), format.getMessage());
        PluginRefusedException secret = assertThrows(PluginRefusedException.class, () -> PluginTestKit.start(
                new NotifyPlugin(), Map.of("webhook-secrets", "https://hooks.example.com/=very-secret")));
        assertTrue(secret.getMessage().contains("webhook-secrets"), secret.getMessage());
        assertFalse(secret.getMessage().contains("very-secret"), secret.getMessage());
    }
}

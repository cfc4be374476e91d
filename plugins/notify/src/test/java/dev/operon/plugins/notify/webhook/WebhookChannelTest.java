package dev.operon.plugins.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.plugins.notify.NotifyPlugin;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.testkit.PluginTestKit;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code notify.webhook} against the JDK's HTTP server on loopback, through the SDK test kit: each payload format's
 * shape, the signatures recomputed here from each platform's documented recipe, and what each answer means.
 */
class WebhookChannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingHttpServer server;
    private PluginTestKit kit;

    @BeforeEach
    void server() throws IOException {
        server = new RecordingHttpServer();
    }

    @AfterEach
    void close() {
        if (kit != null) {
            kit.close();
        }
        server.close();
    }

    private Channel webhook(String... config) {
        Map<String, String> values = new HashMap<>(Map.of("timeout", "5s", "connect-timeout", "5s"));
        for (int i = 0; i < config.length; i += 2) {
            values.put(config[i], config[i + 1]);
        }
        kit = PluginTestKit.start(new NotifyPlugin(), values);
        return kit.channels().find("notify.webhook").orElseThrow();
    }

    private static Message message(String url, String subject, String text, Map<String, String> headers) {
        return new Message(url, subject, text, null, headers, "alert-17");
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Test
    void genericJsonCarriesTheMessageTheIdempotencyKeyAndTheOtherHeaders() throws Exception {
        Channel webhook = webhook();
        Instant before = Instant.now().minusSeconds(1);
        Delivery delivery = webhook.send(new Message(server.url() + "/hooks/json", "CPU high", "load 9.3",
                "<b>load 9.3</b>", Map.of("X-Team", "ops", "X-Operon-Format", "json"), "alert-17"));

        assertTrue(delivery.delivered(), delivery.toString());
        assertEquals("HTTP 200: ok", delivery.detail());
        RecordingHttpServer.Request request = server.only();
        assertEquals("POST", request.method());
        assertEquals("/hooks/json", request.path());
        assertTrue(request.headers().get("content-type").startsWith("application/json"));
        assertEquals("alert-17", request.headers().get("idempotency-key"));
        assertEquals("ops", request.headers().get("x-team"));
        assertNull(request.headers().get("x-operon-format"));
        assertNull(request.headers().get("x-operon-signature"));
        JsonNode body = JSON.readTree(request.body());
        assertEquals("CPU high", body.get("subject").asText());
        assertEquals("load 9.3", body.get("text").asText());
        assertEquals("<b>load 9.3</b>", body.get("html").asText());
        assertEquals("alert-17", body.get("idempotencyKey").asText());
        Instant sentAt = Instant.parse(body.get("sentAt").asText());
        assertFalse(sentAt.isBefore(before));
        assertFalse(sentAt.isAfter(Instant.now().plusSeconds(1)));
    }

    @Test
    void genericJsonIsSignedWhenItsUrlHasASecret() throws Exception {
        Channel webhook = webhook("webhook-secrets", server.url() + "/signed/ topsecret");
        assertTrue(webhook.send(message(server.url() + "/signed/a", "s", "t", Map.of())).delivered());
        RecordingHttpServer.Request request = server.only();
        String timestamp = request.headers().get("x-operon-timestamp");
        String expected = "sha256=" + HexFormat.of().formatHex(hmac("topsecret".getBytes(StandardCharsets.UTF_8),
                (timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, request.headers().get("x-operon-signature"));
        assertFalse(request.body().contains("topsecret"));
    }

    @Test
    void slackGetsTextAndHeaderAndSectionBlocks() throws Exception {
        Channel webhook = webhook();
        assertTrue(webhook.send(message(server.url() + "/slack", "Disk full", "use <df> & du",
                Map.of("x-operon-format", "SLACK"))).delivered());
        JsonNode body = JSON.readTree(server.only().body());
        assertEquals("Disk full\nuse &lt;df&gt; &amp; du", body.get("text").asText());
        assertEquals("header", body.at("/blocks/0/type").asText());
        assertEquals("plain_text", body.at("/blocks/0/text/type").asText());
        assertEquals("Disk full", body.at("/blocks/0/text/text").asText());
        assertEquals("section", body.at("/blocks/1/type").asText());
        assertEquals("mrkdwn", body.at("/blocks/1/text/type").asText());
        assertEquals("use &lt;df&gt; &amp; du", body.at("/blocks/1/text/text").asText());
    }

    @Test
    void slackWithoutSubjectIsTextOnly() throws Exception {
        Channel webhook = webhook("webhook-default-format", "slack");
        assertTrue(webhook.send(message(server.url() + "/slack", null, "hello", Map.of())).delivered());
        JsonNode body = JSON.readTree(server.only().body());
        assertEquals("hello", body.get("text").asText());
        assertFalse(body.has("blocks"));
    }

    @Test
    void feishuIsSignedAsFeishuDocumentsAndItsErrorCodesCount() throws Exception {
        server.answer("/open-apis/bot/v2/hook/ok", 200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}")
                .answer("/open-apis/bot/v2/hook/badsign", 200,
                        "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour\"}")
                .answer("/open-apis/bot/v2/hook/busy", 200, "{\"code\":11232,\"msg\":\"frequency limited\"}");
        Channel webhook = webhook("webhook-formats", server.url() + "/open-apis/ feishu",
                "webhook-secrets", server.url() + "/open-apis/bot/v2/hook/ok feishu-secret");

        Delivery delivery = webhook.send(message(server.url() + "/open-apis/bot/v2/hook/ok", "Deploy", "v2 is live",
                Map.of()));
        assertTrue(delivery.delivered(), delivery.toString());
        JsonNode body = JSON.readTree(server.only().body());
        assertEquals("text", body.get("msg_type").asText());
        assertEquals("Deploy\nv2 is live", body.at("/content/text").asText());
        assertTrue(body.get("timestamp").isTextual());
        long timestamp = Long.parseLong(body.get("timestamp").asText());
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 120);
        String expected = Base64.getEncoder().encodeToString(hmac((timestamp + "\nfeishu-secret")
                .getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertEquals(expected, body.get("sign").asText());

        Delivery refused = webhook.send(message(server.url() + "/open-apis/bot/v2/hook/badsign", "s", "t", Map.of()));
        assertTrue(refused.permanent(), refused.toString());
        assertTrue(refused.detail().contains("19021"));
        JsonNode unsigned = JSON.readTree(server.requests().get(1).body());
        assertFalse(unsigned.has("sign"));
        assertThrows(IOException.class, () -> webhook.send(message(server.url() + "/open-apis/bot/v2/hook/busy",
                "s", "t", Map.of())));
    }

    @Test
    void dingTalkSendsMarkdownWithASubjectTextWithoutAndSignsTheUrl() throws Exception {
        server.answer("/robot/send", 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        String url = server.url() + "/robot/send?access_token=abc123";
        Channel webhook = webhook("webhook-formats", server.url() + "/robot/ dingtalk",
                "webhook-secrets", url + " SECdingsecret");

        assertTrue(webhook.send(message(url, "Incident 12", "checkout errors at 4%", Map.of())).delivered());
        assertTrue(webhook.send(message(url, null, "all clear", Map.of())).delivered());

        RecordingHttpServer.Request markdown = server.requests().get(0);
        JsonNode first = JSON.readTree(markdown.body());
        assertEquals("markdown", first.get("msgtype").asText());
        assertEquals("Incident 12", first.at("/markdown/title").asText());
        assertEquals("### Incident 12\n\ncheckout errors at 4%", first.at("/markdown/text").asText());
        JsonNode second = JSON.readTree(server.requests().get(1).body());
        assertEquals("text", second.get("msgtype").asText());
        assertEquals("all clear", second.at("/text/content").asText());

        Map<String, String> query = new HashMap<>();
        for (String pair : markdown.query().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        assertEquals("abc123", query.get("access_token"));
        long timestamp = Long.parseLong(query.get("timestamp"));
        assertTrue(Math.abs(System.currentTimeMillis() - timestamp) < 120_000);
        String expected = Base64.getEncoder().encodeToString(hmac("SECdingsecret".getBytes(StandardCharsets.UTF_8),
                (timestamp + "\nSECdingsecret").getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, query.get("sign"));
    }

    @Test
    void dingTalkErrorCodesArePermanentExceptItsRateLimit() throws Exception {
        server.answer("/robot/send", 200, "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}")
                .answer("/robot/fast", 200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}");
        Channel webhook = webhook("webhook-default-format", "dingtalk");
        assertTrue(webhook.send(message(server.url() + "/robot/send?access_token=x", null, "t", Map.of()))
                .permanent());
        assertThrows(IOException.class, () -> webhook.send(message(server.url() + "/robot/fast", null, "t",
                Map.of())));
    }

    @Test
    void theLongestConfiguredPrefixChoosesTheFormat() throws Exception {
        Channel webhook = webhook("webhook-formats", server.url() + "/ slack, " + server.url() + "/lark/ feishu");
        webhook.send(message(server.url() + "/lark/x", "s", "t", Map.of()));
        webhook.send(message(server.url() + "/other", "s", "t", Map.of()));
        webhook.send(message(server.url() + "/other", "s", "t", Map.of("X-Operon-Format", "json")));
        assertEquals("text", JSON.readTree(server.requests().get(0).body()).get("msg_type").asText());
        assertTrue(JSON.readTree(server.requests().get(1).body()).has("blocks"));
        assertTrue(JSON.readTree(server.requests().get(2).body()).has("idempotencyKey"));
    }

    @Test
    void serverErrorsTimeoutsAndRateLimitsThrowClientErrorsAreRejections() throws Exception {
        server.answer("/500", 500, "boom").answer("/503", 503, "", "Retry-After", "120")
                .answer("/429", 429, "slow down").answer("/408", 408, "").answer("/400", 400, "invalid_payload")
                .answer("/404", 404, "no_service").answer("/302", 302, "", "Location", "http://example.com/")
                .answer("/slow", 200, "ok", 4000);
        Channel webhook = webhook("timeout", "1s");
        IOException unavailable = assertThrows(IOException.class, () -> webhook.send(message(server.url() + "/503",
                "s", "t", Map.of())));
        assertTrue(unavailable.getMessage().contains("Retry-After: 120"), unavailable.getMessage());
        for (String path : new String[] {"/500", "/429", "/408"}) {
            assertThrows(IOException.class, () -> webhook.send(message(server.url() + path, "s", "t", Map.of())),
                    path);
        }
        for (String path : new String[] {"/400", "/404", "/302"}) {
            Delivery delivery = webhook.send(message(server.url() + path, "s", "t", Map.of()));
            assertFalse(delivery.delivered(), path);
            assertTrue(delivery.permanent(), path);
            assertTrue(delivery.detail().startsWith("HTTP " + path.substring(1)), delivery.detail());
        }
        assertThrows(HttpTimeoutException.class, () -> webhook.send(message(server.url() + "/slow", "s", "t",
                Map.of())));
        assertEquals(1, server.requests().stream().filter(r -> r.path().equals("/302")).count());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        IOException refused = assertThrows(IOException.class, () -> webhook.send(message("http://127.0.0.1:"
                + closedPort + "/hook?token=secret", "s", "t", Map.of())));
        assertEquals("could not connect to http://127.0.0.1:" + closedPort + "/…", refused.getMessage(),
                "named, without the URL's path or query");
    }

    @Test
    void aServerThatIsDownThrows() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Channel webhook = webhook();
        assertThrows(IOException.class, () -> webhook.send(message("http://127.0.0.1:" + port + "/hook", "s", "t",
                Map.of())));
    }

    @Test
    void recipientsThatAreNotHttpUrlsAndUnknownFormatsAreRejectedWithoutARequest() throws Exception {
        Channel webhook = webhook();
        assertTrue(webhook.send(message("ftp://127.0.0.1/x", "s", "t", Map.of())).permanent());
        assertTrue(webhook.send(message("not a url", "s", "t", Map.of())).permanent());
        assertTrue(webhook.send(message("ops@example.com", "s", "t", Map.of())).permanent());
        Delivery unknown = webhook.send(message(server.url() + "/x", "s", "t", Map.of("X-Operon-Format", "teams")));
        assertTrue(unknown.permanent());
        assertTrue(unknown.detail().contains("teams"));
        assertTrue(webhook.send(message(server.url() + "/x", "s", "t", Map.of("X-Note", "a\r\nb"))).permanent());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void configChangesApplyToTheNextMessage() throws Exception {
        Channel webhook = webhook();
        webhook.send(message(server.url() + "/a", "s", "t", Map.of()));
        kit.configure("webhook-default-format", "feishu");
        webhook.send(message(server.url() + "/a", "s", "t", Map.of()));
        assertTrue(JSON.readTree(server.requests().get(0).body()).has("idempotencyKey"));
        assertEquals("text", JSON.readTree(server.requests().get(1).body()).get("msg_type").asText());
    }
}

package dev.operon.core.plugins;

import static dev.operon.core.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in notify plugin's channels in a running server: every plugin sees {@code notify.email} and
 * {@code notify.webhook} through its {@link Channels} (the core's {@link ActiveChannels}), can send through them, and
 * stops seeing them when notify is disabled; notify's operations go through the generic operation endpoint.
 */
@QuarkusTest
class NotifyChannelsTest {

    @Inject
    PluginRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();

    @BeforeEach
    void webhookReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void anotherPluginFindsBothNotifyChannelsAndSendsThroughTheWebhook() throws Exception {
        Channels channels = registry.services("test-kit").channels();
        assertThat(channels.list()).extracting(Channel::id).contains("notify.email", "notify.webhook");
        // the test plugin looked its channels up from its own start, while the registry was loading
        assertThat(TestPlugin.channelsAtStart).isNotNull();

        Delivery delivery = channels.find("notify.webhook").orElseThrow().send(new Message(url("/hook"),
                "From test-kit", "hello", null, Map.of("X-Operon-Format", "slack"), "test-kit-1"));

        assertThat(delivery.delivered()).as(delivery.toString()).isTrue();
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0)).contains("\"text\":\"From test-kit\\nhello\"").contains("\"blocks\"");
        assertThat(keys).containsExactly("test-kit-1");
        // e-mail is offered but not configured in the test application: it says so rather than sending
        Exception unconfigured = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> channels.find("notify.email").orElseThrow().send(new Message("ops@example.com", "s", "t", null,
                        Map.of(), null)));
        assertThat(unconfigured).hasMessageContaining("operon.plugin.notify.smtp-host");
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void theChannelsQueryListsEveryActiveChannel() {
        JsonPath list = json().body(Map.of()).post("/api/v1/plugins/notify/operations/channels").then()
                .statusCode(200).extract().jsonPath();
        assertThat(list.getList("id", String.class)).contains("notify.email", "notify.webhook");
        assertThat(list.getBoolean("find { it.id == 'notify.email' }.ready")).isFalse();
        assertThat(list.getString("find { it.id == 'notify.email' }.status")).contains("smtp-host");
        assertThat(list.getBoolean("find { it.id == 'notify.webhook' }.ready")).isTrue();
    }

    @Test
    @TestSecurity(user = "ada", roles = {"admin", "operator", "viewer"})
    void anAdminSendsATestMessageAndTheCallIsAuditedWithoutTheUrlPath() throws Exception {
        JsonPath result = json().body(Map.of("channel", "notify.webhook", "recipient", url("/hook/S3CRET-TOKEN"),
                "format", "feishu")).post("/api/v1/plugins/notify/operations/test").then().statusCode(200).extract()
                .jsonPath();
        assertThat(result.getString("outcome")).isEqualTo("delivered");
        assertThat(result.getString("recipient")).doesNotContain("S3CRET-TOKEN");
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0)).contains("\"msg_type\":\"text\"").contains("sent by ");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select actor_id, after from audit_record where target = 'plugin:notify/test'
                     and outcome = 'success' order by seq desc limit 1""");
             ResultSet rs = select.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ada");
            assertThat(rs.getString(2)).contains("delivered").doesNotContain("S3CRET-TOKEN");
        }
    }

    @Test
    @TestSecurity(user = "otto", roles = {"operator", "viewer"})
    void anOperatorMayNotSendTestMessages() {
        json().body(Map.of("channel", "notify.webhook", "recipient", url("/hook"))).post(
                "/api/v1/plugins/notify/operations/test").then().statusCode(403)
                .contentType("application/problem+json");
        assertThat(bodies).isEmpty();
    }

    @Test
    @TestSecurity(user = "ada", roles = {"admin", "operator", "viewer"})
    void disablingNotifyTakesItsChannelsAwayAndEnablingBringsThemBack() {
        Channels channels = registry.services("test-kit").channels();
        try {
            json().post("/api/v1/plugins/notify/disable").then().statusCode(200);
            assertThat(channels.find("notify.email")).isEmpty();
            assertThat(channels.find("notify.webhook")).isEmpty();
        } finally {
            json().post("/api/v1/plugins/notify/enable").then().statusCode(200);
        }
        assertThat(channels.list()).extracting(Channel::id).contains("notify.email", "notify.webhook");
    }
}

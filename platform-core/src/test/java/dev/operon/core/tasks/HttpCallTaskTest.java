package dev.operon.core.tasks;

import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.createTask;
import static dev.operon.core.testing.Api.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code core.http-call} against a real HTTP server on loopback. */
@QuarkusTest
@TestSecurity(user = "http-tester", roles = {"admin", "operator", "viewer"})
class HttpCallTaskTest {

    private HttpServer server;
    private final AtomicInteger flakyCalls = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Token") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/flaky", exchange -> {
            int call = flakyCalls.incrementAndGet();
            exchange.sendResponseHeaders(call < 3 ? 503 : 204, -1);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private long task(Map<String, Object> params, int retries) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "http-" + UUID.randomUUID());
        body.put("type", "core.http-call");
        body.put("params", params);
        body.put("maxRetries", retries);
        body.put("retryBackoffSeconds", 0);
        return createTask(body);
    }

    @Test
    void postsAndRecordsTheAnswer() {
        long id = task(Map.of("url", url("/ok"), "method", "POST", "body", "{\"event\":\"deploy\"}",
                "headers", Map.of("X-Token", "s3cret")), 0);
        JsonPath run = awaitEnd(trigger(id, null), Duration.ofSeconds(15));
        assertThat(run.getString("state")).isEqualTo("succeeded");
        assertThat(run.getInt("output.status")).isEqualTo(200);
        assertThat(run.getString("output.responseExcerpt")).contains("accepted");
        assertThat(received).containsExactly("POST s3cret {\"event\":\"deploy\"}");
    }

    @Test
    void serverErrorsAreRetriedUntilTheCallSucceeds() {
        JsonPath run = awaitEnd(trigger(task(Map.of("url", url("/flaky")), 3), null), Duration.ofSeconds(20));
        assertThat(run.getString("state")).isEqualTo("succeeded");
        assertThat(run.getInt("attempt")).isEqualTo(3);
        assertThat(flakyCalls.get()).isEqualTo(3);
    }

    @Test
    void clientErrorsFailAtOnce() {
        JsonPath run = awaitEnd(trigger(task(Map.of("url", url("/missing")), 3), null), Duration.ofSeconds(15));
        assertThat(run.getString("state")).isEqualTo("failed");
        assertThat(run.getInt("attempt")).isEqualTo(1);
        assertThat(run.getString("error")).contains("404");
    }

    @Test
    void slowServersTimeOut() {
        JsonPath run = awaitEnd(trigger(task(Map.of("url", url("/slow"), "timeoutSeconds", 1), 0), null),
                Duration.ofSeconds(15));
        assertThat(run.getString("state")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("no answer within 1 s");
    }

    @Test
    void headerValuesNeverReachTheAuditLog() {
        long id = task(Map.of("url", url("/ok"), "headers", Map.of("Authorization", "Bearer top-secret-value")), 0);
        awaitEnd(trigger(id, null), Duration.ofSeconds(15));
        long leaks = io.quarkus.arc.Arc.container().instance(dev.operon.core.db.Jdbc.class).get().count(
                "select count(*) from audit_record where coalesce(before, '') || coalesce(after, '')"
                        + " || coalesce(details, '') like '%top-secret-value%'");
        assertThat(leaks).isZero();
    }
}

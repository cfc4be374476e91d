package dev.operon.core.models;

import static dev.operon.core.models.Models.train;
import static dev.operon.core.models.Models.version;
import static dev.operon.core.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operon.core.db.Jdbc;
import dev.operon.core.plugins.PluginRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Callers predict in a loop, over HTTP and in-process, while the champion changes five times: four promotions on
 * this node and one made "on another node" (straight in the database, which only the periodic check notices).
 * Every call must succeed, and each change must be seen by the callers while they run.
 */
@QuarkusTest
@TestSecurity(user = "model-admin", roles = {"admin", "operator", "viewer"})
class ModelSwapTest {

    static final String TYPE = "test-kit.swap";
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    @TestHTTPResource("/api/v1/models/" + TYPE + "/predict")
    URL predictUrl;

    @Inject
    PluginRegistry plugins;

    @Inject
    Jdbc jdbc;

    @Test
    void noPredictionFailsWhileTheChampionIsSwapped() throws Exception {
        assertThat(train(TYPE, Map.of("slope", 1.0, "noise", 0.5, "epochs", 4)).getString("state"))
                .isEqualTo("succeeded");
        assertThat(train(TYPE, Map.of("slope", 3.0, "noise", 0.5, "epochs", 4)).getString("state"))
                .isEqualTo("succeeded");
        int champion = version(TYPE, 1).getString("stage").equals("champion") ? 1 : 2;

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        Failures failures = new Failures();
        Map<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
        AtomicInteger lastSeen = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var models = plugins.services("test-kit").models();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean overHttp = i < 3;
            Thread caller = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        int version;
                        if (overHttp) {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(predictUrl.toURI())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"x\": 0.5}")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                failures.add("HTTP " + response.statusCode() + ": " + response.body());
                                continue;
                            }
                            Matcher m = VERSION.matcher(response.body());
                            version = m.find() ? Integer.parseInt(m.group(1)) : -1;
                        } else {
                            LineModel.Estimate estimate = models.predict(TYPE, new LineModel.Point(0.5));
                            version = estimate == null ? -1 : 0;
                        }
                        calls.incrementAndGet();
                        if (version > 0) {
                            seen.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
                            lastSeen.set(version);
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "swap-caller-" + i);
            caller.start();
            callers.add(caller);
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> lastSeen.get() == champion);
            int current = champion;
            for (int change = 1; change <= 5; change++) {
                int next = current == 1 ? 2 : 1;
                if (change < 5) {
                    json().body(Map.of("reason", "swap " + change))
                            .post("/api/v1/models/" + TYPE + "/versions/" + next + "/promote").then().statusCode(200);
                } else {
                    // as another node would: only the database changes, this node finds out by its periodic check
                    jdbc.update("update model_version set stage = 'archived' where model_type = ? and version = ?",
                            TYPE, current);
                    jdbc.update("update model_version set stage = 'champion' where model_type = ? and version = ?",
                            TYPE, next);
                }
                long before = calls.get();
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                        .until(() -> lastSeen.get() == next);
                await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() > before + 20);
                current = next;
            }
        } finally {
            stop.set(true);
            for (Thread caller : callers) {
                caller.join(10_000);
            }
        }
        assertThat(failures.items()).isEmpty();
        assertThat(calls.get()).isGreaterThan(200);
        assertThat(seen.keySet()).isEqualTo(Set.of(1, 2));
    }

    /** Failures seen by the callers. */
    private static final class Failures {
        private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();

        void add(String failure) {
            items.add(failure);
        }

        List<String> items() {
            return List.copyOf(items);
        }
    }
}

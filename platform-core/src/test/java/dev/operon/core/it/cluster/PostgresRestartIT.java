package dev.operon.core.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * PostgreSQL restarted under ingestion load: clients send {@code /v1/batch} to all three nodes throughout; the shared
 * server is stopped for {@code downSeconds}, then started again on the same port and data folder. While it is down
 * every answer is 503 (or 429) with {@code Retry-After}, never 500 and never 200 for events it could not have
 * stored; afterwards every node accepts events again, and every event that was answered 200 is in the database
 * (counted by message id). Full form: {@code -Doperon.cluster.pg-restart.load-seconds=60}.
 */
@ExtendWith(SharedCluster.class)
@Order(ClusterTestOrder.POSTGRES_RESTART)
@ResourceLock(SharedCluster.LOCK)
class PostgresRestartIT {

    private static final int BATCH = 50;
    private static final int CLIENTS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(45);

    private final ObjectMapper json = new ObjectMapper();

    /** What the clients saw. */
    private static final class Observed {
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        final List<String> bad = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> acceptedWhileDown = new ConcurrentHashMap<>();
        volatile Instant downFrom = Instant.MAX;
        volatile Instant downUntil = Instant.MAX;
    }

    @Test
    void ingestionAnswers503WhileThePostgresIsDownAndLosesNothingAccepted(Cluster cluster) throws Exception {
        int loadSeconds = Integer.getInteger("operon.cluster.pg-restart.load-seconds", 10);
        int downSeconds = Integer.getInteger("operon.cluster.pg-restart.down-seconds", 10);
        HttpResponse<String> created = cluster.nodes().get(0).post("/api/v1/sources",
                "{\"name\":\"restart-load\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String writeKey = json.readTree(created.body()).get("writeKey").asText();
        long sourceId = json.readTree(created.body()).get("id").asLong();

        Observed observed = new Observed();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            ClusterNode node = cluster.nodes().get(c % cluster.nodes().size());
            running.add(clients.submit(() -> {
                load(node, writeKey, stop, observed);
                return null;
            }));
        }
        Thread.sleep(loadSeconds * 1000L);
        int acceptedBefore = observed.accepted.size();
        cluster.postgres().stop();
        observed.downFrom = Instant.now();
        Thread.sleep(downSeconds * 1000L);
        Map<Integer, Integer> whileDown = new TreeMap<>(observed.statuses);
        observed.downUntil = Instant.now();
        cluster.postgres().start();
        Instant restarted = Instant.now();

        // every node answers ready and stores events again
        for (ClusterNode node : cluster.nodes()) {
            node.awaitReady(Duration.ofSeconds(60));
            awaitAccepting(node, writeKey, observed);
        }
        Duration reconnected = Duration.between(restarted, Instant.now());
        int acceptedAtRestart = observed.accepted.size();
        Thread.sleep(loadSeconds * 1000L);
        stop.set(true);
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        long stored = storedOf(cluster, sourceId, observed.accepted);
        System.err.printf("pg-restart: accepted %d before the stop, %d at restart, %d in all; stored of those %d;"
                + " all nodes accepting %d ms after the restart; statuses %s (until restart: %s)%n",
                acceptedBefore, acceptedAtRestart, observed.accepted.size(), stored, reconnected.toMillis(),
                new TreeMap<>(observed.statuses), whileDown);
        assertThat(observed.bad).as("answers other than 200, or 503/429 with Retry-After").isEmpty();
        assertThat(observed.acceptedWhileDown).as("200 for a request sent after PostgreSQL had stopped and"
                + " answered before it started again").isEmpty();
        assertThat(observed.statuses.getOrDefault(503, 0) + observed.statuses.getOrDefault(429, 0))
                .as("refusals while PostgreSQL was down").isPositive();
        assertThat(acceptedBefore).isPositive();
        assertThat(observed.accepted.size()).isGreaterThan(acceptedAtRestart);
        assertThat(stored).as("events answered 200 that are in the database").isEqualTo(observed.accepted.size());
    }

    /** Sends batches until told to stop; records what every answer means. */
    private static void load(ClusterNode node, String writeKey, AtomicBoolean stop, Observed observed)
            throws InterruptedException {
        while (!stop.get()) {
            List<String> ids = new ArrayList<>(BATCH);
            String body = batch(ids);
            Instant sent = Instant.now();
            HttpResponse<String> response;
            try {
                response = node.track("/v1/batch", writeKey, body, REQUEST_TIMEOUT);
            } catch (IOException e) {
                observed.bad.add(node.id() + ": no answer within " + REQUEST_TIMEOUT.toSeconds() + " s ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                continue;
            }
            int status = response.statusCode();
            observed.statuses.merge(status, 1, Integer::sum);
            if (status == 200) {
                observed.accepted.addAll(ids);
                if (sent.isAfter(observed.downFrom) && Instant.now().isBefore(observed.downUntil)) {
                    observed.acceptedWhileDown.merge(node.id(), 1, Integer::sum);
                }
            } else if (status == 503 || status == 429) {
                if (response.headers().firstValue("Retry-After").isEmpty()) {
                    observed.bad.add(node.id() + ": " + status + " without Retry-After");
                }
                Thread.sleep(response.headers().firstValueAsLong("Retry-After").orElse(1) * 1000);
            } else {
                observed.bad.add(node.id() + ": " + status + " " + response.body());
                Thread.sleep(500);
            }
        }
    }

    private static String batch(List<String> ids) {
        StringBuilder body = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < BATCH; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Restart Probe\",\"userId\":\"u-")
                    .append(i).append("\",\"messageId\":\"").append(id).append("\",\"properties\":{\"n\":")
                    .append(i).append("}}");
        }
        return body.append("]}").toString();
    }

    /** Waits until {@code node} stores a batch again (the load keeps running meanwhile). */
    private static void awaitAccepting(ClusterNode node, String writeKey, Observed observed) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(giveUp)) {
            List<String> ids = new ArrayList<>();
            HttpResponse<String> response = node.track("/v1/batch", writeKey, batch(ids), REQUEST_TIMEOUT);
            observed.statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 200) {
                observed.accepted.addAll(ids);
                return;
            }
            if (response.statusCode() != 503 && response.statusCode() != 429) {
                observed.bad.add(node.id() + " after the restart: " + response.statusCode() + " "
                        + response.body());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("node " + node.id() + " does not store events 60 s after the restart");
    }

    private static long storedOf(Cluster cluster, long sourceId, Set<String> ids) throws Exception {
        try (Connection connection = cluster.postgres().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(distinct message_id) from event where source_id = ? and message_id = any(?)")) {
            Array array = connection.createArrayOf("text", ids.toArray());
            statement.setLong(1, sourceId);
            statement.setArray(2, array);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

package dev.operon.core.ingest;

import static dev.operon.core.ingest.Tracking.count;
import static dev.operon.core.ingest.Tracking.newSource;
import static dev.operon.core.ingest.Tracking.send;
import static dev.operon.core.ingest.Tracking.track;
import static dev.operon.core.ingest.Tracking.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Deduplication by (source, messageId): sequential, within a batch, concurrent, later, per source, by window. */
@QuarkusTest
class DedupeTest {

    @Inject
    AgroalDataSource dataSource;

    private long stored(String user) {
        return count(dataSource, "select count(*) from event where user_id = ?", user);
    }

    private static Map<String, Object> message(String user, String messageId) {
        Map<String, Object> body = TrackingApiTest.withType(track(user, "Deduped"), "track");
        body.put("messageId", messageId);
        return body;
    }

    @Test
    void theSameMessageIdTwiceIsStoredOnceAndBothAnswersAreSuccess() {
        String key = newSource();
        String user = unique("u");
        String id = unique("m");
        send(key, "track", message(user, id)).then().statusCode(200);
        send(key, "track", message(user, id)).then().statusCode(200);
        send(key, "batch", Map.of("batch", List.of(message(user, id), message(user, id)))).then().statusCode(200);
        assertThat(stored(user)).isEqualTo(1);
    }

    @Test
    void messageIdsDifferingOnlyInCaseOrNormalisationAreDistinctKeys() {
        // V17 compares dedupe keys byte by byte (collation "C"): ids that a locale might sort together stay distinct
        String key = newSource();
        String user = unique("u");
        String id = unique("m");
        send(key, "batch", Map.of("batch", List.of(message(user, id + "-e\u0301"), message(user, id + "-\u00e9"),
                message(user, id + "-A"), message(user, id + "-a"), message(user, id + "-a")))).then().statusCode(200);
        assertThat(stored(user)).isEqualTo(4);
        assertThat(count(dataSource, "select count(*) from information_schema.columns where table_name = 'event_dedupe'"
                + " and column_name = 'message_id' and collation_name = 'C'")).isEqualTo(1);
    }

    @Test
    void aDedupeEntryKeepsItsEventsReceiptTimeToTheMicrosecond() {
        // the writer sends receipt times as microseconds since 1970 (binary arrays): nothing may be lost on the way
        String key = newSource();
        String user = unique("u");
        String id = unique("m");
        send(key, "batch", Map.of("batch", List.of(message(user, id), message(user, id + "-2")))).then()
                .statusCode(200);
        assertThat(count(dataSource, "select count(*) from event e join event_dedupe d on d.source_key = e.source_id"
                + " and d.message_id = e.message_id where e.user_id = ? and d.received_at = e.received_at", user))
                .isEqualTo(2);
    }

    @Test
    void concurrentRequestsWithTheSameMessagesStoreEachOnce() throws Exception {
        String key = newSource();
        String user = unique("u");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(message(user, user + "-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> send(key, "batch", Map.of("batch", batch)).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stored(user)).isEqualTo(50);
        assertThat(count(dataSource, "select count(distinct message_id) from event where user_id = ?", user))
                .isEqualTo(50);
    }

    @Test
    void aLaterBatchAddsOnlyItsNewMessages() {
        String key = newSource();
        String user = unique("u");
        List<Map<String, Object>> first = new ArrayList<>();
        List<Map<String, Object>> second = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(message(user, user + "-" + i));
            second.add(message(user, user + "-" + (i + 5)));
        }
        send(key, "batch", Map.of("batch", first)).then().statusCode(200);
        send(key, "batch", Map.of("batch", second)).then().statusCode(200);
        assertThat(stored(user)).isEqualTo(15);
    }

    @Test
    void messageIdsAreDedupedPerSource() {
        String user = unique("u");
        String id = unique("m");
        send(newSource(), "track", message(user, id)).then().statusCode(200);
        send(newSource(), "track", message(user, id)).then().statusCode(200);
        assertThat(stored(user)).isEqualTo(2);
    }

    @Test
    void aMessageIdOutsideTheWindowIsNewAgain() {
        String key = newSource();
        String user = unique("u");
        String id = unique("m");
        send(key, "track", message(user, id)).then().statusCode(200);
        // pretend the first one arrived eight days ago (the window is seven)
        Tracking.execute(dataSource, "update event_dedupe set received_at = now() - interval '8 days'"
                + " where message_id = '" + id + "'");
        send(key, "track", message(user, id)).then().statusCode(200);
        send(key, "track", message(user, id)).then().statusCode(200);
        assertThat(stored(user)).isEqualTo(2);
    }
}

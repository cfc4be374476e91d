package dev.operon.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Appending through {@link AuditService} keeps a valid chain, also concurrently; the database refuses edits. */
@QuarkusTest
class AuditChainTest {

    @Inject
    AuditService audit;

    @Inject
    AuditStore store;

    @Inject
    AuditVerifier verifier;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void storesEveryFieldWithSecretsRedactedAndStaysIntact() {
        long seq = audit.record(new AuditEvent(Actor.operator("alice"), "task.update", "task:12", AuditEvent.SUCCESS,
                "req-1", Map.of("cron", "0 * * * *", "password", "old-secret"),
                Map.of("cron", "*/5 * * * *", "password", "new-secret"), Map.of("reason", "faster")));

        AuditRecord stored = store.find(seq).orElseThrow();
        assertEquals("operator", stored.actorType());
        assertEquals("alice", stored.actorId());
        assertEquals("task.update", stored.action());
        assertEquals("task:12", stored.target());
        assertEquals("success", stored.outcome());
        assertEquals("req-1", stored.requestId());
        assertEquals("{\"cron\":\"0 * * * *\",\"password\":\"***\"}", stored.before());
        assertEquals("{\"cron\":\"*/5 * * * *\",\"password\":\"***\"}", stored.after());
        assertEquals("{\"reason\":\"faster\"}", stored.details());
        assertEquals(stored.hash(), stored.computeHash());
        assertEquals(store.find(seq - 1).map(AuditRecord::hash).orElse(AuditHash.GENESIS), stored.prevHash());

        AuditVerification result = verifier.verify();
        assertTrue(result.intact(), result::reason);
        assertEquals(seq, result.headSeq());
        assertEquals(stored.hash(), result.headHash());
        assertNull(result.firstBadSeq());
    }

    @Test
    void hashComputedInTheDatabaseMatchesTheDocumentedFormat() {
        // the append builds the canonical form in SQL: multi-byte text, an empty value against an absent one, a
        // NUL (stored as U+FFFD) and text that looks like the format itself must hash exactly as AuditHash does
        String[] odd = {"zo\u00eb \uD83D\uDE80 \u65e5\u672c", "", "a|b:c-1:|", "nul\0here", "x".repeat(5000)};
        for (String text : odd) {
            long seq = audit.record(new AuditEvent(Actor.operator(text), "task.update", text.isEmpty() ? null : text,
                    AuditEvent.SUCCESS, text, null, Map.of("v", text), text.isEmpty() ? null : Map.of()));
            AuditRecord stored = store.find(seq).orElseThrow();
            assertEquals(AuditHash.of(stored), stored.hash(), "hash of the record with '" + text.substring(0,
                    Math.min(20, text.length())) + "'");
            assertEquals(store.find(seq - 1).map(AuditRecord::hash).orElse(AuditHash.GENESIS), stored.prevHash());
            assertEquals(0, stored.at().getNano() % 1000, "microsecond time");
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void concurrentAppendersKeepOneUnbrokenChain() throws Exception {
        long before = verifier.verify().headSeq();
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String who = "worker-" + t;
            Callable<List<Long>> appender = () -> {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    seqs.add(audit.record(AuditEvent.success(Actor.apiKey(who), "run.state", "run:" + i)
                            .withDetails(Map.of("i", i))));
                }
                return seqs;
            };
            futures.add(pool.submit(appender));
        }
        TreeSet<Long> seqs = new TreeSet<>();
        for (Future<List<Long>> future : futures) {
            seqs.addAll(future.get());
        }
        pool.shutdown();

        assertEquals(threads * perThread, seqs.size(), "every append got its own seq");
        assertEquals(before + 1, seqs.first());
        assertEquals(before + threads * perThread, seqs.last(), "no gaps");
        AuditVerification result = verifier.verify();
        assertTrue(result.intact(), result::reason);
        assertEquals(seqs.last(), result.headSeq());
    }

    @Test
    void databaseRefusesToChangeOrPurgeHistory() throws SQLException {
        audit.record(AuditEvent.success(Actor.SYSTEM, "system.test", null));
        for (String sql : List.of("update audit_record set action = 'x' where seq = 1",
                "delete from audit_record where seq = 1",
                "delete from audit_record where false",
                "truncate audit_record",
                "delete from audit_head",
                "truncate audit_head",
                "update audit_head set seq = seq + 5",
                "update audit_head set hash = repeat('a', 64)")) {
            SQLException refused = assertThrows(SQLException.class, () -> execute(sql), sql);
            assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void eventsMustNameAValidActionAndOutcome() {
        assertThrows(IllegalArgumentException.class, () -> AuditEvent.success(Actor.SYSTEM, "Task Create", null));
        assertThrows(IllegalArgumentException.class,
                () -> AuditEvent.success(Actor.SYSTEM, "task.create", null).withOutcome("ok"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

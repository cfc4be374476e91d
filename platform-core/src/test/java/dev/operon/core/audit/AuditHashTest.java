package dev.operon.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditHashTest {

    private static final Instant AT = Instant.parse("2025-03-01T09:30:00.120Z");

    @Test
    void canonicalFormIsLengthPrefixedUtf8InTheDocumentedOrder() {
        byte[] canonical = AuditHash.canonical(7, AT, "operator", "zoë", "task.create", "task:12", "success", null,
                null, "{\"name\":\"nightly\"}", null, AuditHash.GENESIS);

        assertEquals("1:7|27:2025-03-01T09:30:00.120000Z|8:operator|4:zoë|11:task.create|7:task:12|7:success|-1:|"
                        + "-1:|18:{\"name\":\"nightly\"}|-1:|64:" + "0".repeat(64) + "|",
                new String(canonical, StandardCharsets.UTF_8));
    }

    @Test
    void hashMatchesAVectorComputedOutsideJava() {
        // printf '%s' '<the canonical text above>' | sha256sum
        assertEquals("8ce9c1efbeefca94b46fcfbc476430a181d880937f018c58888a7e128899bfdf",
                AuditHash.of(7, AT, "operator", "zoë", "task.create", "task:12", "success", null, null,
                        "{\"name\":\"nightly\"}", null, AuditHash.GENESIS));
    }

    @Test
    void timeAlwaysHasSixFractionDigitsInUtc() {
        assertEquals("2025-03-01T09:30:00.000000Z", AuditHash.formatTime(Instant.parse("2025-03-01T10:30:00+01:00")));
        assertEquals("2025-03-01T09:30:00.000001Z", AuditHash.formatTime(Instant.parse("2025-03-01T09:30:00.000001Z")));
    }

    @Test
    void everyFieldAndThePreviousHashChangeTheHash() {
        String base = hash("a", "task.create", "task:1", "{}", "p".repeat(64));
        assertNotEquals(base, hash("b", "task.create", "task:1", "{}", "p".repeat(64)));
        assertNotEquals(base, hash("a", "task.update", "task:1", "{}", "p".repeat(64)));
        assertNotEquals(base, hash("a", "task.create", "task:2", "{}", "p".repeat(64)));
        assertNotEquals(base, hash("a", "task.create", "task:1", "{\"x\":1}", "p".repeat(64)));
        assertNotEquals(base, hash("a", "task.create", "task:1", "{}", "q".repeat(64)));
        assertNotEquals(base, AuditHash.of(2, AT, "operator", "a", "task.create", "task:1", "success", null, null,
                "{}", null, "p".repeat(64)));
        assertNotEquals(base, AuditHash.of(1, AT.plusNanos(1000), "operator", "a", "task.create", "task:1",
                "success", null, null, "{}", null, "p".repeat(64)));
    }

    @Test
    void absentAndEmptyValuesDiffer() {
        assertNotEquals(hash("a", "task.create", null, "{}", AuditHash.GENESIS),
                hash("a", "task.create", "", "{}", AuditHash.GENESIS));
    }

    @Test
    void movingTextAcrossAFieldBoundaryChangesTheHash() {
        assertNotEquals(hash("ab", "c", "t", null, AuditHash.GENESIS), hash("a", "bc", "t", null, AuditHash.GENESIS));
        assertNotEquals(hash("a|1:b", "c", "t", null, AuditHash.GENESIS),
                hash("a", "b|1:c", "t", null, AuditHash.GENESIS));
    }

    private static String hash(String actorId, String action, String target, String after, String prev) {
        return AuditHash.of(1, AT, "operator", actorId, action, target, "success", null, null, after, null, prev);
    }
}

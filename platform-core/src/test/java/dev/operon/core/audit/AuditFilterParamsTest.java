package dev.operon.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditFilterParamsTest {

    @Test
    void actionEndingWithDotOrStarIsAPrefix() {
        AuditFilterParams params = new AuditFilterParams();
        params.action = "task.";
        AuditFilter dot = params.toFilter();
        assertEquals("task.", dot.action());
        assertTrue(dot.actionPrefix());

        params.action = "task.cre*";
        AuditFilter star = params.toFilter();
        assertEquals("task.cre", star.action());
        assertTrue(star.actionPrefix());

        params.action = "task.create";
        assertFalse(params.toFilter().actionPrefix());
    }

    @Test
    void prefixMatchingEscapesLikeWildcards() {
        AuditFilterParams params = new AuditFilterParams();
        params.target = "plugin:a_b%*";
        StringBuilder sql = new StringBuilder();
        List<Object> values = new ArrayList<>();
        params.toFilter().appendConditions(sql, values);
        assertEquals(" and target like ? escape '\\'", sql.toString());
        assertEquals(List.of("plugin:a\\_b\\%%"), values);
    }

    @Test
    void timesAcceptOffsetsDatesAndAnUnencodedPlus() {
        assertEquals(Instant.parse("2025-03-01T08:30:00Z"), AuditFilterParams.parseTime("2025-03-01T09:30:00+01:00"));
        assertEquals(Instant.parse("2025-03-01T08:30:00Z"), AuditFilterParams.parseTime("2025-03-01T09:30:00 01:00"));
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), AuditFilterParams.parseTime("2025-03-01"));
        assertEquals(null, AuditFilterParams.parseTime("2025-03-01T09:30:00"), "a time without offset is ambiguous");
        assertEquals(null, AuditFilterParams.parseTime("yesterday"));
    }

    @Test
    void reportsEveryBadValueByField() {
        AuditFilterParams params = new AuditFilterParams();
        params.actorType = "robot";
        params.outcome = "maybe";
        params.from = "yesterday";
        params.after = "-1";
        params.before = "x";
        ApiException e = assertThrows(ApiException.class, params::toFilter);
        assertEquals(422, e.status());
        assertEquals(List.of("actorType", "outcome", "from", "after", "before"),
                e.errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void toMustBeAfterFrom() {
        AuditFilterParams params = new AuditFilterParams();
        params.from = "2025-03-02";
        params.to = "2025-03-01";
        ApiException e = assertThrows(ApiException.class, params::toFilter);
        assertEquals("to", e.errors().get(0).field());
    }
}

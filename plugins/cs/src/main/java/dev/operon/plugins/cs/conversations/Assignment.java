package dev.operon.plugins.cs.conversations;

import dev.operon.plugins.cs.support.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Round-robin assignment to operators with capacity limits: among active operators with fewer open human-handled
 * conversations than their capacity, the one assigned least recently (never assigned first, then by name). The
 * operator rows are locked, so concurrent hand-offs on any node never exceed a capacity.
 */
public final class Assignment {

    private Assignment() {
    }

    /** Assigns the conversation to the next operator with room; null when every operator is full (it waits). */
    public static String assign(Connection c, long conversationId) throws SQLException {
        Sql.rows(c, "SELECT name FROM cs_operator WHERE active ORDER BY name FOR UPDATE");
        Map<String, Object> next = Sql.row(c, "SELECT o.name FROM cs_operator o WHERE o.active AND o.capacity >"
                + " (SELECT count(*) FROM cs_conversation v WHERE v.operator = o.name AND v.state = 'human')"
                + " ORDER BY o.last_assigned_at NULLS FIRST, o.name LIMIT 1");
        if (next == null) {
            return null;
        }
        String name = (String) next.get("name");
        Sql.update(c, "UPDATE cs_operator SET last_assigned_at = clock_timestamp() WHERE name = ?", name);
        Sql.update(c, "UPDATE cs_conversation SET operator = ?, updated_at = now() WHERE id = ?", name, conversationId);
        return name;
    }

    /** Assigns waiting human-handled conversations, oldest first, while operators have room; how many were. */
    public static int assignWaiting(Connection c) throws SQLException {
        int assigned = 0;
        for (Map<String, Object> row : Sql.rows(c, "SELECT id FROM cs_conversation WHERE state = 'human'"
                + " AND operator IS NULL ORDER BY created_at, id")) {
            if (assign(c, ((Number) row.get("id")).longValue()) == null) {
                break;
            }
            assigned++;
        }
        return assigned;
    }
}

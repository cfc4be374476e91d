package dev.operon.core.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** One row of the {@code run} table. */
public record Run(long id, Long taskId, String taskName, String taskType, String params, RunState state,
                  String trigger, Instant scheduledFor, String requestedBy, int attempt, int recoveries,
                  int maxAttempts, int retryBackoffSeconds, long timeoutSeconds, String concurrency, String nodeId,
                  Integer progressPercent, String progressMessage, String output, String error,
                  Instant cancelRequestedAt, String cancelRequestedBy, Instant createdAt, Instant startedAt,
                  Instant finishedAt, Instant nextAttemptAt) {

    static final String COLUMNS = "id, task_id, task_name, task_type, params, state, trigger, scheduled_for,"
            + " requested_by, attempt, recoveries, max_attempts, retry_backoff_seconds, timeout_seconds, concurrency,"
            + " node_id, progress_percent, progress_message, output, error, cancel_requested_at,"
            + " cancel_requested_by, created_at, started_at, finished_at, next_attempt_at";

    static Run from(ResultSet rs) throws SQLException {
        long taskId = rs.getLong("task_id");
        boolean noTask = rs.wasNull();
        int progress = rs.getInt("progress_percent");
        boolean noProgress = rs.wasNull();
        return new Run(rs.getLong("id"), noTask ? null : taskId, rs.getString("task_name"),
                rs.getString("task_type"), rs.getString("params"), RunState.of(rs.getString("state")),
                rs.getString("trigger"), instant(rs, "scheduled_for"), rs.getString("requested_by"),
                rs.getInt("attempt"), rs.getInt("recoveries"), rs.getInt("max_attempts"),
                rs.getInt("retry_backoff_seconds"), rs.getLong("timeout_seconds"), rs.getString("concurrency"),
                rs.getString("node_id"), noProgress ? null : progress, rs.getString("progress_message"),
                rs.getString("output"), rs.getString("error"), instant(rs, "cancel_requested_at"),
                rs.getString("cancel_requested_by"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), instant(rs, "next_attempt_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    public boolean cancelRequested() {
        return cancelRequestedAt != null;
    }
}

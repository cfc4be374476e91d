package dev.operon.core.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A run as the API shows it; {@code history} only in single-run answers. */
public record RunView(long id, Long taskId, String taskName, String type, JsonNode params, String state,
                      String trigger, Instant scheduledFor, String requestedBy, int attempt, int maxAttempts,
                      String node, Integer progressPercent, String progressMessage, JsonNode output, String error,
                      Instant cancelRequestedAt, String cancelRequestedBy, Instant createdAt, Instant startedAt,
                      Instant finishedAt, Instant nextAttemptAt, List<StateChange> history) {
}

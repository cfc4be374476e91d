package dev.operon.core.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A task definition as the API shows it, with its next fire times. */
public record TaskView(long id, String name, String description, String type, JsonNode params,
                       ScheduleSpec schedule, boolean enabled, String concurrency, int maxRetries,
                       int retryBackoffSeconds, long timeoutSeconds, long skippedFires, Instant lastSkippedAt,
                       List<Instant> nextFireTimes, String createdBy, Instant createdAt, Instant updatedAt) {
}

package dev.operon.core.runs;

import java.time.Instant;

/** What it takes to create a run. {@code taskId} is null for an ad-hoc run of a task type. */
public record NewRun(Long taskId, String taskName, String taskType, String params, String trigger,
                     Instant scheduledFor, String requestedBy, int maxAttempts, int retryBackoffSeconds,
                     long timeoutSeconds, String concurrency) {
}

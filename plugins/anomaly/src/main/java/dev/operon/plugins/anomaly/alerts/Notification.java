package dev.operon.plugins.anomaly.alerts;

import java.time.Instant;

/**
 * One message about one incident transition to one target, and where its delivery stands: {@code pending} (due at
 * {@code nextAttemptAt}), {@code delivered}, {@code rejected} (the channel said it never will be) or {@code failed}
 * (attempts exhausted).
 */
public record Notification(long id, long incidentId, String transition, String channel, String recipient,
                           String format, String subject, String body, String idempotencyKey, int attempts,
                           String state, Instant nextAttemptAt, String lastError, Instant deliveredAt) {
}

package dev.operon.core.privacy;

import java.time.Instant;
import java.util.Map;

/**
 * The outcome of an erasure request.
 *
 * @param erasureId   the request's id ({@code privacy_erasure})
 * @param subjectHash the hash of the requested id (what the audit log records)
 * @param status      {@code completed}, or {@code partial} when a part failed (a new request retries it)
 * @param found       whether the core knew the id when the request arrived
 * @param parts       per part ({@code core}, {@code core.<name>}, {@code plugin.<id>}): {@code status} and what it
 *                    deleted, or the kind of error
 */
public record ErasureReport(long erasureId, String subjectHash, String status, boolean found,
                            Map<String, Map<String, Object>> parts, Instant requestedAt, Instant completedAt) {
}

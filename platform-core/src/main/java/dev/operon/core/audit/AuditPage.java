package dev.operon.core.audit;

import java.util.List;

/**
 * One page of audit records.
 *
 * @param items   the records, newest first unless {@code order=asc} was asked for
 * @param next    the cursor for the next page: pass it as {@code before} (newest first) or {@code after} (oldest
 *                first) with the same filters; null on the last page
 * @param nextUrl the next page's path and query, with every filter kept; null on the last page
 */
public record AuditPage(List<AuditEntry> items, Long next, String nextUrl) {
}

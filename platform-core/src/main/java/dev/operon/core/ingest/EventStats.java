package dev.operon.core.ingest;

/**
 * Counts over the whole event store.
 *
 * @param events        stored events
 * @param users         distinct people: {@code knownUsers + anonymousOnly} until profiles resolve identities
 * @param knownUsers    distinct user ids
 * @param anonymousOnly distinct anonymous ids never seen on an event together with a user id
 * @param sources       sources (enabled or not)
 */
public record EventStats(long events, long users, long knownUsers, long anonymousOnly, long sources) {
}

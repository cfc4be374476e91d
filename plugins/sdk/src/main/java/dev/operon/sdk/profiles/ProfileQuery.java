package dev.operon.sdk.profiles;

import java.time.Instant;

/**
 * Which profiles to read; criteria are optional and combine with AND.
 *
 * @param updatedSince only profiles whose {@link Profile#updatedAt()} is at or after this time (incremental work)
 * @param purpose      only profiles whose consent allows this purpose, such as {@link Consent#ANALYTICS}
 * @param afterId      only profiles with a larger id: a cursor
 * @param limit        at most this many profiles, 0 for no limit
 */
public record ProfileQuery(Instant updatedSince, String purpose, long afterId, int limit) {

    public ProfileQuery {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (no limit) or positive");
        }
    }

    /** Every profile. */
    public static ProfileQuery all() {
        return new ProfileQuery(null, null, 0, 0);
    }

    public ProfileQuery updatedSince(Instant value) {
        return new ProfileQuery(value, purpose, afterId, limit);
    }

    public ProfileQuery allowing(String value) {
        return new ProfileQuery(updatedSince, value, afterId, limit);
    }

    public ProfileQuery after(long id) {
        return new ProfileQuery(updatedSince, purpose, id, limit);
    }

    public ProfileQuery limit(int value) {
        return new ProfileQuery(updatedSince, purpose, afterId, value);
    }
}

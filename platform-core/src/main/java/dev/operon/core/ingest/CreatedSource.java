package dev.operon.core.ingest;

import java.time.Instant;

/**
 * A new source with its write key, which is shown this once and stored only as a SHA-256.
 *
 * @param id        the source id
 * @param name      its name
 * @param keyHint   the key's first characters
 * @param createdAt when
 * @param writeKey  the key: the HTTP Basic user name (empty password) or {@code writeKey} of Tracking API calls
 */
public record CreatedSource(long id, String name, String keyHint, Instant createdAt, String writeKey) {

    /** Never the key. */
    @Override
    public String toString() {
        return "CreatedSource[id=" + id + ", name=" + name + ", keyHint=" + keyHint + "]";
    }
}

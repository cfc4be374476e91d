package dev.operon.core.security;

import java.time.Instant;
import java.util.List;

/**
 * A new API key, returned once: {@code key} is the only time the secret is ever shown.
 *
 * @param key the full key to send as {@code Authorization: Bearer <key>}
 */
public record CreatedApiKey(String keyId, String name, List<String> scopes, Instant createdAt, String key) {

    @Override
    public String toString() {
        return "CreatedApiKey[keyId=" + keyId + ", name=" + name + ", scopes=" + scopes + "]";
    }
}

package dev.operon.core.security;

import java.time.Instant;
import java.util.List;

/** An API key as listed: never its secret or hash. */
public record ApiKeyView(String keyId, String name, List<String> scopes, String createdBy, Instant createdAt,
                         Instant lastUsedAt, Instant revokedAt) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.keyId, key.name, key.scopeList().stream().map(Scope::wire).toList(),
                key.createdBy, key.createdAt, key.lastUsedAt, key.revokedAt);
    }

    /** Before/after value of key audit records. */
    record AuditedState(String keyId, String name, List<String> scopes, boolean revoked) {
    }

    AuditedState audited() {
        return new AuditedState(keyId, name, scopes, revokedAt != null);
    }
}

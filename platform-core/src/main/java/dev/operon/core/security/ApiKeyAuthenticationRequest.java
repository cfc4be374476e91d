package dev.operon.core.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A presented API key, from {@code Authorization: Bearer <key>} (or Basic with the key as user name). */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}

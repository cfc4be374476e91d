package dev.operon.core.console;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A console session cookie that opened and is within its time limits; the account still has to be checked. */
final class SessionAuthenticationRequest extends BaseAuthenticationRequest {

    private final ConsoleSession session;

    SessionAuthenticationRequest(ConsoleSession session) {
        this.session = session;
    }

    ConsoleSession session() {
        return session;
    }
}

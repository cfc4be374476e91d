package dev.operon.core.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds the security identities the platform hands out, with the attributes {@link CurrentActor} reads. */
final class Identities {

    static final String OPERATOR = "operator";
    static final String API_KEY = "api-key";
    /** Identity attribute holding an API key's scopes (a {@code List<String>}). */
    static final String SCOPES = "operon.scopes";

    private Identities() {
    }

    static SecurityIdentity operator(String username, String role) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRoles(Roles.including(role))
                .addAttribute(CurrentActor.ACTOR_TYPE, OPERATOR)
                .build();
    }

    static SecurityIdentity apiKey(String keyId, List<Scope> scopes) {
        Set<String> roles = new LinkedHashSet<>();
        scopes.forEach(scope -> roles.addAll(scope.roles()));
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(keyId))
                .addRoles(roles)
                .addAttribute(CurrentActor.ACTOR_TYPE, API_KEY)
                .addAttribute(SCOPES, scopes.stream().map(Scope::wire).toList())
                .build();
    }
}

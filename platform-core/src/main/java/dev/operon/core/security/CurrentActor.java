package dev.operon.core.security;

import dev.operon.core.audit.Actor;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The actor behind the current API request. Services take an {@link Actor} as a parameter (the CLI and the
 * scheduler have no request); resources get it from here.
 */
@RequestScoped
public class CurrentActor {

    /** Identity attribute naming the kind of credential: {@code operator} or {@code api-key}. */
    public static final String ACTOR_TYPE = "operon.actor-type";

    @Inject
    SecurityIdentity identity;

    public Actor get() {
        if (identity == null || identity.isAnonymous()) {
            return new Actor(Actor.Type.ANONYMOUS, "anonymous");
        }
        Object type = identity.getAttribute(ACTOR_TYPE);
        if ("api-key".equals(type)) {
            return Actor.apiKey(identity.getPrincipal().getName());
        }
        return Actor.operator(identity.getPrincipal().getName());
    }
}

package dev.operon.core.security;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/v1/me}: any valid credential may ask who it is, including ingest-only keys. */
@Path("/api/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    SecurityIdentity identity;

    @GET
    public Me me() {
        String type = identity.getAttribute(CurrentActor.ACTOR_TYPE);
        List<String> scopes = identity.getAttribute(Identities.SCOPES);
        return new Me(type, identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList(),
                scopes);
    }
}

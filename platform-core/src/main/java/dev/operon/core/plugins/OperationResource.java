package dev.operon.core.plugins;

import dev.operon.core.security.CurrentActor;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/plugins/{id}/operations/{operation}}: calls a plugin operation with the JSON body as its input.
 * Any authenticated caller reaches it; the operation's own role is checked by {@link OperationCalls} (403, audited),
 * since one endpoint serves operations of every role.
 */
@Path("/api/v1/plugins/{id}/operations/{operation}")
@Authenticated
public class OperationResource {

    @Inject
    OperationCalls calls;

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentActor actor;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response call(@PathParam("id") String id, @PathParam("operation") String operation, String body) {
        Object output = calls.call(id, operation, body, identity, actor.get());
        return output == null ? Response.noContent().build() : Response.ok(output, MediaType.APPLICATION_JSON).build();
    }
}

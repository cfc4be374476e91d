package dev.operon.core.security;

import dev.operon.core.api.RequestIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** {@code /api/v1/api-keys}: API keys, for admins only. */
@Path("/api/v1/api-keys")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;

    @Inject
    CurrentActor currentActor;

    @GET
    public List<ApiKeyView> list() {
        return keys.list();
    }

    @GET
    @Path("{keyId}")
    public ApiKeyView get(@PathParam("keyId") String keyId) {
        return keys.get(keyId);
    }

    /** 201 with the key itself in {@code key}: the only time it is shown. */
    @POST
    public Response create(@Valid @NotNull NewApiKey body) {
        CreatedApiKey created = keys.create(body, currentActor.get(), RequestIds.current());
        return Response.created(UriBuilder.fromPath("/api/v1/api-keys/{keyId}").build(created.keyId()))
                .header("Cache-Control", "no-store").entity(created).build();
    }

    /** Revokes the key: it fails with 401 from then on. Revoking twice is harmless. */
    @DELETE
    @Path("{keyId}")
    public void revoke(@PathParam("keyId") String keyId) {
        keys.revoke(keyId, currentActor.get(), RequestIds.current());
    }
}

package dev.operon.core.security;

import dev.operon.core.api.RequestIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** {@code /api/v1/operators}: operator accounts, for admins only. */
@Path("/api/v1/operators")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OperatorResource {

    @Inject
    OperatorService operators;

    @Inject
    CurrentActor currentActor;

    @GET
    public List<OperatorView> list() {
        return operators.list();
    }

    @GET
    @Path("{username}")
    public OperatorView get(@PathParam("username") String username) {
        return operators.get(username);
    }

    @POST
    public Response create(@Valid @NotNull NewOperator body) {
        OperatorView created = operators.create(body, currentActor.get(), RequestIds.current());
        return Response.created(UriBuilder.fromPath("/api/v1/operators/{username}").build(created.username()))
                .entity(created).build();
    }

    @PATCH
    @Path("{username}")
    public OperatorView update(@PathParam("username") String username, @Valid @NotNull OperatorChange body) {
        return operators.update(username, body, currentActor.get(), RequestIds.current());
    }

    /** Disables the account; the last enabled admin cannot be disabled (409). */
    @DELETE
    @Path("{username}")
    public void disable(@PathParam("username") String username) {
        operators.disable(username, currentActor.get(), RequestIds.current());
    }
}

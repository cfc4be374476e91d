package dev.operon.core.ingest;

import dev.operon.core.api.RequestIds;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** {@code /api/v1/sources}: event sources and their write keys, for admins. */
@Path("/api/v1/sources")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SourceResource {

    @Inject
    SourceService sources;

    @Inject
    CurrentActor currentActor;

    /** Every source with its key hint and when its key was last used; never the keys. */
    @GET
    public List<SourceView> list() {
        return sources.list();
    }

    /** One source by name or id. */
    @GET
    @Path("{source}")
    public SourceView get(@PathParam("source") String source) {
        return sources.get(source);
    }

    /** 201 with the write key in {@code writeKey}: the only time it is shown. */
    @POST
    public Response create(@Valid @NotNull NewSource body) {
        CreatedSource created = sources.create(body, currentActor.get(), RequestIds.current());
        return Response.created(UriBuilder.fromPath("/api/v1/sources/{id}").build(created.id()))
                .header("Cache-Control", "no-store").entity(created).build();
    }

    /** Its key is refused (401) from then on; its events stay. Disabling twice is harmless. */
    @POST
    @Path("{source}/disable")
    @Consumes(MediaType.WILDCARD)
    public SourceView disable(@PathParam("source") String source) {
        return sources.disable(source, currentActor.get(), RequestIds.current());
    }
}

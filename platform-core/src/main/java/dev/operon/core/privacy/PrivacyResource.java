package dev.operon.core.privacy;

import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code /api/v1/privacy}: export and erasure of one end user's data, for admins (docs/privacy.md). */
@Path("/api/v1/privacy")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    @Inject
    PrivacyService privacy;

    @Inject
    CurrentActor actor;

    /** Everything stored about the user an id (user id or anonymous id) names. Audited (with the id hashed). */
    @GET
    @Path("export")
    public Map<String, Object> export(@QueryParam("id") String id) {
        return privacy.export(id, actor.get());
    }

    /**
     * Erases everything about the user an id names, in the core and every plugin. Answers the report: its
     * {@code status} is {@code completed}, or {@code partial} when a part failed (send the request again to retry).
     */
    @POST
    @Path("erasures")
    public ErasureReport erase(@Valid @NotNull ErasureRequest request) {
        return privacy.erase(request.id(), actor.get());
    }

    /** Body of an erasure request: the user id or anonymous id of the person. */
    public record ErasureRequest(@NotBlank @Size(max = 1000) String id) {
    }
}

package dev.operon.core.console;

import dev.operon.core.api.ApiException;
import dev.operon.core.demo.DemoSeeding;
import dev.operon.core.demo.DemoWorkspace;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.RestForm;

/** The empty dashboard's button in a demo workspace: seeds the synthetic shop (admin; refused in a real workspace). */
@Path("/demo")
public class DemoPages {

    @Inject
    Pages pages;

    @Inject
    DemoWorkspace workspace;

    @Inject
    DemoSeeding seeding;

    @Inject
    CurrentActor actor;

    @POST
    @Path("seed")
    @RolesAllowed(Roles.ADMIN)
    public Response seed(@RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        if (!workspace.enabled()) {
            throw ApiException.conflict("this is not a demo workspace: start one with ./operon serve --demo");
        }
        if (!seeding.startInBackground(actor.get())) {
            throw ApiException.conflict("the demo workspace is seeded or being seeded");
        }
        return Response.seeOther(URI.create("/")).build();
    }
}

package dev.operon.core.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code /favicon.ico}, which browsers and tools ask for whatever a page links: sent to the console's icon (every
 * console page also links it), so no page load logs a 404.
 */
@Path("/favicon.ico")
public class FaviconRedirect {

    static final String ICON = "/console/favicon.svg";

    @GET
    @PermitAll
    public Response icon() {
        return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(ICON)).build();
    }
}

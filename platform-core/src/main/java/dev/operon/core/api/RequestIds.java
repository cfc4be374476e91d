package dev.operon.core.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every API request an id (the caller's {@code X-Request-Id} when it is sane, else a new one), puts it in the
 * log context and the response, and rejects bodies over the size limit before they are read.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String PROPERTY = "operon.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "operon.core.api.max-body-bytes",
            defaultValue = "1048576")
    long maxBodyBytes;

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request, HttpServerRequest raw) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setProperty(PROPERTY, id);
        MDC.put("requestId", id);
        refuseNul(request);
        String length = raw.getHeader("Content-Length");
        if (length != null && !limitsItsOwnBody(raw.path())) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    throw new ApiException(413, "payload-too-large", "Payload too large",
                            "the request body is " + length.trim() + " bytes; the limit is " + maxBodyBytes, null);
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length is not a number");
            }
        }
    }

    /**
     * PostgreSQL cannot hold NUL in text: a query or path parameter with one would fail deep in a query (a 500);
     * it is bad input, refused here for every endpoint at once.
     */
    private static void refuseNul(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().indexOf('\0') >= 0) {
            throw ApiException.badRequest("the path must not contain NUL characters");
        }
        for (var parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0
                    || parameter.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
                throw ApiException.invalid(parameter.getKey().replace("\0", ""), "must not contain NUL characters");
            }
        }
    }

    /**
     * The Tracking API ({@code /v1/}) answers oversize bodies with its own 400 (Segment's limits), and event imports
     * stream bodies of any size: both enforce their own limits.
     */
    static boolean limitsItsOwnBody(String path) {
        return path != null && (path.startsWith("/v1/") || path.equals("/api/v1/events/import"));
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove("requestId");
    }

    /** The current request's id, or null outside a request (the log context follows the request across threads). */
    public static String current() {
        Object id = MDC.get("requestId");
        return id == null ? null : id.toString();
    }
}

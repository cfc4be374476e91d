package dev.operon.core.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every exception that reaches the API to an RFC 9457 problem document. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Response.ResponseBuilder builder = respond(e.status(), e.type(), e.title(), e.getMessage(), uri, e.errors());
        if (e instanceof TooManyRequestsException limited) {
            builder.header("Retry-After", limited.retryAfterSeconds());
        } else if (e instanceof ServiceUnavailableException unavailable) {
            builder.header("Retry-After", unavailable.retryAfterSeconds());
        } else if (e instanceof UnsupportedContentEncodingException encoding) {
            builder.header("Accept-Encoding", encoding.accepted());
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .toList();
        ApiException problem = ApiException.invalid(errors);
        return respond(422, "validation", "Invalid input", problem.getMessage(), uri, errors).build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String detail;
        List<Problem.FieldError> errors = null;
        if (e instanceof JsonParseException) {
            detail = "the body is not valid JSON: " + e.getOriginalMessage();
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "unknown field '" + unknown.getPropertyName() + "'";
            errors = List.of(new Problem.FieldError(path(unknown), "unknown field"));
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String problem = JsonMappingErrors.describe(mapping);
            detail = "field '" + path(mapping) + "' " + problem;
            errors = List.of(new Problem.FieldError(path(mapping), problem));
        } else {
            detail = "the body could not be read: " + e.getOriginalMessage();
        }
        return respond(400, "malformed-body", "Malformed request body", detail, uri, errors).build();
    }

    // Quarkus REST Jackson ships its own mapper for this subtype (plain JSON): name it so ours wins
    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return respond(401, "unauthorized", "Unauthorized",
                "valid credentials are required: HTTP Basic for operators or 'Authorization: Bearer <key>'",
                uri, null)
                .header("WWW-Authenticate", "Basic realm=\"operon\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "your role or key scope does not allow this", uri, null).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        if (status == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            Map.Entry<String, String> bad = unconvertibleQueryParameter(e.getCause(), uri);
            if (bad != null) {
                return respond(400, "bad-parameter", "Bad parameter", "query parameter '" + bad.getKey()
                        + "' has the wrong type or format: '" + bad.getValue() + "'", uri,
                        List.of(new Problem.FieldError(bad.getKey(), "wrong type or format"))).build();
            }
        }
        String reason = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = status == 404 ? "no such resource: " + uri.getPath()
                : status == 405 ? "this method is not allowed here"
                : status == 415 ? "send application/json"
                : e.getMessage();
        return respond(status, reason.toLowerCase().replace(' ', '-'), reason, detail, uri, null).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s (request %s)", uri.getPath(), RequestIds.current());
        return respond(500, "internal", "Internal error",
                "an unexpected error occurred; quote request id " + RequestIds.current() + " to an operator",
                uri, null).build();
    }

    /**
     * JAX-RS answers 404 when a query parameter cannot be converted (a matched resource whose parameter failed, the
     * conversion error as cause); the parameter is the one whose value the conversion error quotes (or the only one).
     */
    private static Map.Entry<String, String> unconvertibleQueryParameter(Throwable conversion, UriInfo uri) {
        if (uri == null) {
            return null;
        }
        String message = conversion.getMessage();
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        Map.Entry<String, String> best = null;
        int bestScore = 0;
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            for (String value : parameter.getValue()) {
                // quoted in the message beats merely contained ("a" is in every message), longer beats shorter
                int score = message == null ? (query.size() == 1 ? 1 : 0)
                        : value.isEmpty() || !message.contains(value) ? 0
                        : message.contains("\"" + value + "\"") || message.contains("'" + value + "'")
                        ? 1_000_000 + value.length() : value.length();
                if (score > bestScore) {
                    bestScore = score;
                    best = Map.entry(parameter.getKey(), value);
                }
            }
        }
        return best;
    }

    private static Response.ResponseBuilder respond(int status, String type, String title, String detail,
                                                    UriInfo uri, List<Problem.FieldError> errors) {
        Problem problem = new Problem("/problems/" + type, title, status, detail, uri == null ? null : uri.getPath(),
                RequestIds.current(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "create.arg0.name" -> "name": drop the method and parameter segments of method validation
        String[] parts = path.split("\\.");
        if (parts.length >= 3) {
            return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        }
        return path;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

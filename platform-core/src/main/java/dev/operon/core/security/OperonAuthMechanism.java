package dev.operon.core.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.Problem;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Reads the {@code Authorization} header: {@code Basic} for operators, {@code Bearer <key>} for API keys. Basic
 * with an API key as the user name and an empty password is read as that key (for clients that can only send
 * Basic). No header means anonymous; the endpoint's annotations then decide.
 *
 * <p>The Segment-compatible Tracking API under {@code /v1/} is left alone: it takes a source's write key only
 * (checked by {@code ingest.WriteKeys}), so operator passwords and API keys are never tried there, and failed
 * attempts on it do not count against an operator's sign-in limit.
 */
@ApplicationScoped
public class OperonAuthMechanism implements HttpAuthenticationMechanism {

    /** Request attribute: the client address, for the failure log and the audit record. */
    static final String SOURCE = "operon.source";
    static final String CHALLENGE = "Basic realm=\"operon\"";
    /** Paths whose credentials are write keys, checked by the ingestion resource itself. */
    static final String TRACKING_API = "/v1/";
    private static final ObjectMapper PROBLEMS = new ObjectMapper();

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager manager) {
        String header = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (header == null || header.isBlank() || isTrackingApi(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request;
        try {
            request = parse(header.strip());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        SocketAddress remote = context.request().remoteAddress();
        request.setAttribute(SOURCE, remote == null ? null : remote.hostAddress());
        return manager.authenticate(request);
    }

    static boolean isTrackingApi(String path) {
        return path != null && path.startsWith(TRACKING_API);
    }

    static AuthenticationRequest parse(String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("no credentials after the scheme");
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return new ApiKeyAuthenticationRequest(value);
        }
        if (!scheme.equalsIgnoreCase("Basic")) {
            throw new IllegalArgumentException("unsupported scheme");
        }
        String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Basic credentials without ':'");
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (username.startsWith(ApiKeyToken.PREFIX) && password.isEmpty()) {
            return new ApiKeyAuthenticationRequest(username);
        }
        if (username.isEmpty()) {
            throw new IllegalArgumentException("empty user name");
        }
        return new UsernamePasswordAuthenticationRequest(username, new PasswordCredential(password.toCharArray()));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    /**
     * The challenge with a problem document as its body. JAX-RS endpoints answer a missing login through
     * {@code api.ProblemMappers}; this covers paths guarded by HTTP permissions only ({@code /q/metrics}), whose
     * 401 would otherwise have an empty body. The caller ends the response after this.
     */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.setStatusCode(401).putHeader(HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE);
        if (!response.headWritten()) {
            Buffer body = Buffer.buffer(problemJson(context.normalizedPath()));
            response.putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(body.length()))
                    .write(body);
        }
        return Uni.createFrom().item(true);
    }

    private static String problemJson(String path) {
        Problem problem = new Problem("/problems/unauthorized", "Unauthorized", 401, "valid credentials are"
                + " required: HTTP Basic for operators or 'Authorization: Bearer <key>'", path, null, null);
        try {
            return PROBLEMS.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class, ApiKeyAuthenticationRequest.class);
    }
}

package dev.operon.core.console;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors on console paths become pages ({@link ConsoleErrors}); on every other path they are answered exactly as
 * before, by {@link ProblemMappers}, so the API's problem documents do not change.
 */
public class ConsoleExceptionMappers {

    private static final int BEFORE_PROBLEMS = Priorities.USER - 100;

    private final ProblemMappers problems = new ProblemMappers();

    @Inject
    ConsoleErrors errors;

    @ServerExceptionMapper(value = {AuthenticationFailedException.class, UnauthorizedException.class},
            priority = BEFORE_PROBLEMS)
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return ConsolePaths.isConsole(uri.getPath()) ? errors.signIn() : problems.unauthenticated(e, uri);
    }

    @ServerExceptionMapper(priority = BEFORE_PROBLEMS)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ConsolePaths.isConsole(uri.getPath()) ? errors.forbidden(e instanceof Csrf.CsrfRefusedException)
                : problems.forbidden(e, uri);
    }

    @ServerExceptionMapper(priority = BEFORE_PROBLEMS)
    public Response problem(ApiException e, UriInfo uri) {
        return ConsolePaths.isConsole(uri.getPath()) ? errors.problem(e) : problems.api(e, uri);
    }

    @ServerExceptionMapper(priority = BEFORE_PROBLEMS)
    public Response notFound(NotFoundException e, UriInfo uri) {
        return ConsolePaths.isConsole(uri.getPath()) ? errors.notFound() : problems.web(e, uri);
    }
}

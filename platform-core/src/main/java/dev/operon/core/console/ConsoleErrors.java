package dev.operon.core.console;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.api.RequestIds;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How console pages answer errors: a visitor without a session goes to the sign-in page (htmx requests are told to
 * go there with {@code HX-Redirect}); a missing role or CSRF token gets a 403 page; a problem from a service gets a
 * page with its status and the problem document's title, detail and field errors.
 */
@ApplicationScoped
public class ConsoleErrors {

    @Inject
    Pages pages;

    @Inject
    CurrentVertxRequest request;

    @Location("console/error.html")
    Template error;

    public Response signIn() {
        String uri = request.getCurrent().request().uri();
        String next = "/login?next=" + URLEncoder.encode(ConsolePaths.safeNext(uri), StandardCharsets.UTF_8);
        if (request.getCurrent().request().getHeader("HX-Request") != null) {
            return Response.status(401).header("HX-Redirect", next).build();
        }
        return Response.seeOther(URI.create(next)).build();
    }

    public Response forbidden(boolean csrf) {
        Page page = pages.page("");
        return page(403, page.t("error.forbidden.title"),
                page.t(csrf ? "error.csrf.detail" : "error.forbidden.detail"), List.of());
    }

    public Response problem(ApiException e) {
        return page(e.status(), e.title(), e.getMessage(), e.errors() == null ? List.of() : e.errors());
    }

    public Response notFound() {
        Page page = pages.page("");
        return page(404, page.t("error.notFound.title"), page.t("error.notFound.detail"), List.of());
    }

    private Response page(int status, String title, String detail, List<Problem.FieldError> errors) {
        String body = error.data("c", pages.page("")).data("status", status).data("title", title)
                .data("detail", detail).data("errors", errors).data("requestId", RequestIds.current()).render();
        return Pages.html(status, body).build();
    }
}

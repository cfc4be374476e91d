package dev.operon.core.console;

import dev.operon.core.api.ApiException;
import dev.operon.core.demo.DemoWorkspace;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Builds the {@link Page} of the current request and starts a template with it as {@code c}. */
@ApplicationScoped
public class Pages {

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    @Inject
    I18n i18n;

    @Inject
    Csrf csrf;

    @Inject
    Assets assets;

    @Inject
    DemoWorkspace demo;

    /** A rendered page as the answer with {@code status} (a refused form or filter answers 422 with its page). */
    static Response.ResponseBuilder html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body);
    }

    /** A problem as one line: its title and each field's error once ("Invalid input: count: must be ...; name: ..."). */
    static String problemText(ApiException problem) {
        return problemText(problem, problem.title(), field -> field);
    }

    /** A problem as one line: its title, then each field's error once, the field named by {@code fieldName}. */
    static String problemText(ApiException problem, String title, UnaryOperator<String> fieldName) {
        if (problem.errors() == null || problem.errors().isEmpty()) {
            return title + ": " + problem.getMessage();
        }
        return title + ": " + problem.errors().stream().map(e -> fieldName.apply(e.field()) + ": " + e.message())
                .collect(Collectors.joining("; "));
    }

    public Page page(String nav) {
        // an error page rendered on the I/O thread (an unknown path) cannot resolve the identity without blocking:
        // it is shown as to a visitor
        SecurityIdentity who = io.vertx.core.Context.isOnEventLoopThread() ? null : identity;
        return new Page(who, request.getCurrent().request(), i18n, csrf, assets).nav(nav).demo(demo);
    }

    public TemplateInstance render(Template template, String nav) {
        return template.data("c", page(nav));
    }

    /** Refuses a console POST without this session's CSRF token. */
    public void checkCsrf(String submitted, String header) {
        csrf.check(identity, submitted != null ? submitted : header);
    }

    public SecurityIdentity identity() {
        return identity;
    }
}

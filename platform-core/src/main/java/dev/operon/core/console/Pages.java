package dev.operon.core.console;

import dev.operon.core.demo.DemoWorkspace;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

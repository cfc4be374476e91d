package dev.operon.core.console;

import dev.operon.core.api.CallerLocale;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/** A console page's language for the request being served; English for the API and for work outside a request. */
@ApplicationScoped
class ConsoleCallerLocale implements CallerLocale {

    @Inject
    CurrentVertxRequest request;

    @Override
    public Locale current() {
        if (!Arc.container().requestContext().isActive()) {
            return Locale.ENGLISH;
        }
        RoutingContext current = request.getCurrent();
        if (current == null || !ConsolePaths.isConsole(current.request().path())) {
            return Locale.ENGLISH;
        }
        return I18n.CHINESE.equals(Page.languageOf(current.request())) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}

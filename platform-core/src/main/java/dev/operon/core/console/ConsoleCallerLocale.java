package dev.operon.core.console;

import dev.operon.core.api.CallerLocale;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
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
        HttpServerRequest http = current.request();
        Cookie cookie = http.getCookie(Page.LANG_COOKIE);
        String language = I18n.choose(cookie == null ? null : cookie.getValue(), http.getHeader("Accept-Language"));
        return I18n.CHINESE.equals(language) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}

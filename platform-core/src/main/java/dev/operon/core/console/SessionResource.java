package dev.operon.core.console;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.RequestIds;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.security.OperatorLogins;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/** Sign-in, sign-out and the language switch. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SessionResource {

    static final String LOGIN_COOKIE = "operon_login";

    @Inject
    Pages pages;

    @Inject
    SessionKeys keys;

    @Inject
    Csrf csrf;

    @Inject
    ConsoleConfig config;

    @Inject
    OperatorLogins logins;

    @Inject
    SessionAuthMechanism sessions;

    @Inject
    SessionIdentityProvider accounts;

    @Inject
    AuditService audit;

    @Inject
    CurrentVertxRequest request;

    @Location("console/login.html")
    Template login;

    @GET
    @Path("login")
    @PermitAll
    public Response loginPage(@QueryParam("next") String next) {
        if (pages.page("").signedIn()) {
            return Response.seeOther(URI.create(ConsolePaths.safeNext(next))).build();
        }
        return loginForm(200, next, "", null);
    }

    private Response loginForm(int status, String next, String username, String error) {
        String nonce = keys.randomId();
        response().addCookie(ConsoleCookies.strict(LOGIN_COOKIE, nonce, config.secureCookies()).setMaxAge(3600));
        String body = pages.render(login, "login").data("loginToken", csrf.loginToken(nonce))
                .data("next", ConsolePaths.safeNext(next)).data("username", username).data("error", error).render();
        return Pages.html(status, body).build();
    }

    @POST
    @Path("login")
    @PermitAll
    public Response signIn(@RestForm String username, @RestForm String password, @RestForm String next,
                           @RestForm(Csrf.FIELD) String token) {
        Cookie nonce = request.getCurrent().request().getCookie(LOGIN_COOKIE);
        csrf.checkLogin(nonce == null ? null : nonce.getValue(), token);
        Page page = pages.page("login");
        String name = username == null ? "" : username.strip();
        if (name.isEmpty() || password == null || password.isEmpty()) {
            return loginForm(400, next, name, page.t("login.missing"));
        }
        try {
            logins.login(name, password, source(), RequestIds.current());
        } catch (AuthenticationFailedException e) {
            return loginForm(401, next, name, page.t("login.failed"));
        } catch (ApiException e) {
            return loginForm(e.status(), next, name, e.getMessage());
        }
        long now = Instant.now().getEpochSecond();
        ConsoleSession session = new ConsoleSession(name, keys.randomId(), now, now, accounts.currentMark(name));
        response().addCookie(sessions.cookie(session));
        response().addCookie(ConsoleCookies.expired(LOGIN_COOKIE, config.secureCookies()));
        return Response.seeOther(URI.create(ConsolePaths.safeNext(next))).build();
    }

    @POST
    @Path("logout")
    @PermitAll
    public Response signOut(@RestForm(Csrf.FIELD) String token) {
        if (pages.page("").signedIn()) {
            pages.checkCsrf(token, null);
            String user = pages.identity().getPrincipal().getName();
            audit.record(new AuditEvent(Actor.operator(user), "auth.logout", "operator:" + user, AuditEvent.SUCCESS,
                    RequestIds.current(), null, null, Map.of("method", "console")));
        }
        response().addCookie(ConsoleCookies.expired(SessionAuthMechanism.COOKIE, config.secureCookies()));
        return Response.seeOther(URI.create("/login")).build();
    }

    /** Switches the language (remembered in a cookie for a year) and goes back. */
    @GET
    @Path("lang")
    @PermitAll
    public Response language(@QueryParam("to") String to, @QueryParam("next") String next) {
        String language = I18n.LANGUAGES.contains(to) ? to : I18n.ENGLISH;
        response().addCookie(Cookie.cookie(Page.LANG_COOKIE, language).setPath("/").setMaxAge(31_536_000L)
                .setSameSite(CookieSameSite.LAX).setSecure(config.secureCookies()));
        String back = next == null || next.startsWith("/login") ? next : ConsolePaths.safeNext(next);
        return Response.seeOther(URI.create(back == null ? "/" : back)).build();
    }

    private HttpServerResponse response() {
        return request.getCurrent().response();
    }

    private String source() {
        SocketAddress remote = request.getCurrent().request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }
}

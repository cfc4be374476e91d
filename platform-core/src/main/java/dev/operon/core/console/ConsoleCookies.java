package dev.operon.core.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/** Cookies the console sets. */
final class ConsoleCookies {

    private ConsoleCookies() {
    }

    /** HttpOnly, SameSite=Strict, whole site: for the session and the sign-in nonce. */
    static Cookie strict(String name, String value, boolean secure) {
        return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(secure);
    }

    /** Removes a cookie set by {@link #strict}. */
    static Cookie expired(String name, boolean secure) {
        return strict(name, "", secure).setMaxAge(0);
    }
}

package dev.operon.core.console;

import dev.operon.core.api.ApiException;
import dev.operon.core.demo.DemoWorkspace;
import dev.operon.core.security.Roles;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What every console page knows about the request: the operator and what their role allows, the language and its
 * messages, the theme, the CSRF token, the WebJar versions. Templates reach it as {@code c}: {@code {c.t('key')}},
 * {@code {#if c.canOperate}}.
 */
@TemplateData
public class Page {

    private static final Logger LOG = Logger.getLogger(Page.class);
    static final String LANG_COOKIE = "operon_lang";
    static final String THEME_COOKIE = "operon_theme";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneId.of("UTC"));

    private final SecurityIdentity identity;
    private final HttpServerRequest http;
    private final String language;
    private final Map<String, String> messages;
    private final String csrfToken;
    private final Assets assets;
    private String nav = "";
    private DemoWorkspace demo;
    private Map<String, String> fieldLabels = Map.of();

    Page(SecurityIdentity identity, HttpServerRequest http, I18n i18n, Csrf csrf, Assets assets) {
        this.identity = identity;
        this.http = http;
        this.language = languageOf(http);
        this.messages = i18n.bundle(language);
        this.csrfToken = csrf.token(identity);
        this.assets = assets;
    }

    /** The console language a request asks for: the operator's choice (a cookie), else the browser's. */
    static String languageOf(HttpServerRequest http) {
        Cookie cookie = http.getCookie(LANG_COOKIE);
        return I18n.choose(cookie == null ? null : cookie.getValue(), http.getHeader("Accept-Language"));
    }

    private HttpServerRequest http() {
        return http;
    }

    public String lang() {
        return language;
    }

    public boolean chinese() {
        return I18n.CHINESE.equals(lang());
    }

    /** {@code light}, {@code dark} or {@code auto} (follow the system). */
    public String theme() {
        Cookie cookie = http().getCookie(THEME_COOKIE);
        String value = cookie == null ? "auto" : cookie.getValue();
        return value.equals("light") || value.equals("dark") ? value : "auto";
    }

    /** The message for {@code key} in the page's language. */
    public String t(String key) {
        String text = messages.get(key);
        if (text == null) {
            LOG.warnf("console message '%s' is missing for %s", key, lang());
            return key;
        }
        return text;
    }

    /** A problem's title in the page's language (by its type), or as the API words it when it has no translation. */
    public String problemTitle(ApiException problem) {
        String translated = messages.get("problem." + problem.type());
        return translated == null ? problem.title() : translated;
    }

    /** The message for {@code key} with {@code {0}} replaced. */
    public String tf(String key, Object argument) {
        return format(t(key), argument);
    }

    /** A message with {@code {0}} replaced; a count can pick its word ({@code {0,choice,1#{0} task|1<{0} tasks}}). */
    static String format(String message, Object argument) {
        return new MessageFormat(message.replace("'", "''"), Locale.ROOT).format(new Object[] {argument});
    }

    public String time(Instant at) {
        return at == null ? "" : utc(at);
    }

    /** An ISO-8601 instant as text (the audit log keeps its times so), written like {@link #time}; else as it is. */
    public String isoTime(String at) {
        if (at == null) {
            return "";
        }
        try {
            return utc(Instant.parse(at));
        } catch (java.time.format.DateTimeParseException e) {
            return at;
        }
    }

    /** A time as every console page writes it: {@code 2026-12-01 18:33:40 UTC}. */
    static String utc(Instant at) {
        return TIME.format(at);
    }

    /** A number rounded for reading ({@link ReadableNumbers}): {@code {c.number(v.validationMetrics.get(k))}}. */
    public String number(Number value) {
        return ReadableNumbers.of(value);
    }

    public boolean signedIn() {
        return identity != null && !identity.isAnonymous();
    }

    public String user() {
        return signedIn() ? identity.getPrincipal().getName() : "";
    }

    public String role() {
        return !signedIn() ? "" : identity.hasRole(Roles.ADMIN) ? Roles.ADMIN
                : identity.hasRole(Roles.OPERATOR) ? Roles.OPERATOR : Roles.VIEWER;
    }

    /** A run state's label. */
    public String state(String state) {
        return t("state." + state);
    }

    /** A label from a key prefix and a value: {@code c.label('role', 'admin')} is {@code role.admin}. */
    public String label(String prefix, String value) {
        return t(prefix + "." + value);
    }

    public String roleLabel() {
        return signedIn() ? t("role." + role()) : "";
    }

    public boolean canOperate() {
        return signedIn() && identity.hasRole(Roles.OPERATOR);
    }

    public boolean isAdmin() {
        return signedIn() && identity.hasRole(Roles.ADMIN);
    }

    /** This session's CSRF token, for forms ({@code _csrf}) and htmx ({@code X-CSRF-Token}). */
    public String csrf() {
        return csrfToken == null ? "" : csrfToken;
    }

    /** The navigation entry to mark as current. */
    public String nav() {
        return nav;
    }

    public Page nav(String entry) {
        this.nav = entry;
        return this;
    }

    /** The current path with its query, to come back to after a language switch. */
    public String here() {
        String uri = http().uri();
        return uri == null ? "/" : uri;
    }

    public String hereEncoded() {
        return java.net.URLEncoder.encode(here(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Names the fields of the page's form by the labels shown above them, for its problem block. */
    Page fieldLabels(Map<String, String> labels) {
        this.fieldLabels = labels;
        return this;
    }

    /** The label of the form field a problem names, or {@code null} when the page's form has none for it. */
    public String fieldLabel(String field) {
        return fieldLabels.get(field);
    }

    Page demo(DemoWorkspace workspace) {
        this.demo = workspace;
        return this;
    }

    /** True in a demo workspace ({@code ./operon serve --demo}): every page says so in a banner. */
    public boolean demo() {
        return demo != null && demo.enabled();
    }

    /** The demo seeding's phase while it runs, its error when it failed, else empty. */
    public String demoStatus() {
        if (!demo()) {
            return "";
        }
        return demo.progress().map(p -> p.done() ? (p.error() == null ? "" : tf("demo.failed", p.error()))
                : tf("demo.seeding", t("demo.phase." + p.phase()) + " " + p.percent() + "%")).orElse("");
    }

    public String htmx() {
        return assets.htmx();
    }

    public String uplotScript() {
        return assets.uplotScript();
    }

    public String uplotStyles() {
        return assets.uplotStyles();
    }
}

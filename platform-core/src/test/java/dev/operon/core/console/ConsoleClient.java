package dev.operon.core.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.testing.PostgresResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client of the console for plain tests: signs in through the form, keeps the session cookie. */
final class ConsoleClient {

    static final String PASSWORD = "correct-horse-battery-9";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"");
    private static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

    final String session;
    final String csrf;

    private ConsoleClient(String session, String csrf) {
        this.session = session;
        this.csrf = csrf;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", PostgresResource.ADMIN_PASSWORD);
    }

    /** Creates an operator of {@code role} through the API; returns the user name. */
    static String operator(String role) {
        String username = unique(role);
        admin().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD, "role", role))
                .post("/api/v1/operators").then().statusCode(201);
        return username;
    }

    static ConsoleClient signIn(String username, String password) {
        Response form = given().redirects().follow(false).get("/login");
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher token = LOGIN_TOKEN.matcher(form.body().asString());
        assertThat(token.find()).isTrue();
        Response login = given().redirects().follow(false).cookie("operon_login", form.cookie("operon_login"))
                .formParams(Map.of("username", username, "password", password, "_csrf", token.group(1),
                        "next", "/"))
                .post("/login");
        assertThat(login.statusCode()).as(login.body().asString()).isEqualTo(303);
        String session = login.cookie(SessionAuthMechanism.COOKIE);
        assertThat(session).isNotBlank();
        String page = given().cookie(SessionAuthMechanism.COOKIE, session).get("/").then().statusCode(200)
                .extract().body().asString();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as(page).isTrue();
        return new ConsoleClient(session, csrf.group(1));
    }

    static ConsoleClient signInAs(String role) {
        return signIn(operator(role), PASSWORD);
    }

    static ConsoleClient signInAdmin() {
        return signIn("admin", PostgresResource.ADMIN_PASSWORD);
    }

    RequestSpecification request() {
        return given().redirects().follow(false).cookie(SessionAuthMechanism.COOKIE, session);
    }

    /** A console form POST with this session's CSRF token. */
    Response post(String path, Map<String, ?> form) {
        return request().formParams(withCsrf(form)).post(path);
    }

    /** A console form POST by an operator who chose {@code language} for the console (its language cookie). */
    Response postIn(String language, String path, Map<String, ?> form) {
        return request().cookie("operon_lang", language).formParams(withCsrf(form)).post(path);
    }

    Response post(String path, Map<String, ?> form, List<Map.Entry<String, String>> extra) {
        RequestSpecification request = request().formParams(withCsrf(form));
        extra.forEach(e -> request.formParam(e.getKey(), e.getValue()));
        return request.post(path);
    }

    private Map<String, Object> withCsrf(Map<String, ?> form) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(form);
        all.put("_csrf", csrf);
        return all;
    }

    String page(String path) {
        return request().get(path).then().statusCode(200).extract().body().asString();
    }
}

package dev.operon.core.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-in, sessions, CSRF, security headers, and the API left as it was. */
@QuarkusTest
class ConsoleSessionTest {

    @Test
    void anonymousVisitorsAreSentToTheSignInPage() {
        Response response = given().redirects().follow(false).get("/tasks?enabled=true");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.header("Location")).endsWith("/login?next=%2Ftasks%3Fenabled%3Dtrue");
    }

    @Test
    void signInOpensASessionAndSignOutEndsIt() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        String dashboard = admin.page("/");
        assertThat(dashboard).contains("Dashboard").contains("admin");
        Response out = admin.post("/logout", Map.of());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Set-Cookie")).contains(SessionAuthMechanism.COOKIE + "=;").contains("Max-Age=0");
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageAndAudited() {
        Response form = given().get("/login");
        String token = form.body().asString().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]*)\".*", "$1");
        Response login = given().redirects().follow(false).cookie("operon_login", form.cookie("operon_login"))
                .formParams(Map.of("username", "admin", "password", "wrong-password", "_csrf", token))
                .post("/login");
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body().asString()).contains("Wrong user name or password");
        assertThat(login.cookie(SessionAuthMechanism.COOKIE)).isNull();
    }

    @Test
    void signInWithoutTheFormTokenIsRefused() {
        Response login = given().redirects().follow(false)
                .formParams(Map.of("username", "admin", "password", PostgresResource.ADMIN_PASSWORD))
                .post("/login");
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.cookie(SessionAuthMechanism.COOKIE)).isNull();
    }

    @Test
    void aTamperedCookieIsNoSession() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        String tampered = admin.session.substring(0, admin.session.length() - 2)
                + (admin.session.endsWith("AA") ? "BB" : "AA");
        given().redirects().follow(false).cookie(SessionAuthMechanism.COOKIE, tampered).get("/")
                .then().statusCode(303);
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicy() {
        Response page = ConsoleClient.signInAdmin().request().get("/");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.body().asString()).doesNotContain("<script>").doesNotContain(" style=")
                .doesNotContain("onclick");
    }

    @Test
    void theSessionCookieDoesNotAuthenticateTheApi() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        Response api = admin.request().get("/api/v1/tasks");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.header("WWW-Authenticate")).isEqualTo("Basic realm=\"operon\"");
        assertThat(api.contentType()).startsWith("application/problem+json");
        ConsoleClient.admin().get("/api/v1/tasks").then().statusCode(200);
    }

    @Test
    void aDisabledOperatorLosesTheSessionAtOnce() {
        String name = ConsoleClient.operator("operator");
        ConsoleClient session = ConsoleClient.signIn(name, ConsoleClient.PASSWORD);
        ConsoleClient.admin().delete("/api/v1/operators/" + name).then().statusCode(204);
        session.request().get("/").then().statusCode(303);
    }
}

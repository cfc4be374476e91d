package dev.operon.core.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every file a console page links (styles, scripts, the icon) is served, with a type the browser accepts. */
@QuarkusTest
class ConsoleAssetsTest {

    private static final Pattern LINKED = Pattern.compile("<(?:link|script)\\b[^>]*?(?:href|src)=\"(/[^\"]+)\"");

    @Test
    void everyLinkedStylesheetScriptAndIconIsServed() {
        String page = ConsoleClient.signInAdmin().page("/");
        List<String> linked = new ArrayList<>();
        Matcher m = LINKED.matcher(page);
        while (m.find()) {
            linked.add(m.group(1));
        }
        assertThat(linked).anyMatch(path -> path.endsWith(".css") && path.contains("uplot"))
                .anyMatch(path -> path.endsWith(".js") && path.contains("uplot"))
                .contains(FaviconRedirect.ICON);
        for (String path : linked) {
            Response file = given().get(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            String type = file.contentType();
            if (path.endsWith(".css")) {
                assertThat(type).as(path).startsWith("text/css");
            } else if (path.endsWith(".js")) {
                assertThat(type).as(path).contains("javascript");
            } else if (path.endsWith(".svg")) {
                assertThat(type).as(path).startsWith("image/svg+xml");
            }
        }
    }

    @Test
    void theBrowsersDefaultIconPathLeadsToTheConsoleIcon() {
        Response redirect = given().redirects().follow(false).get("/favicon.ico");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.header("Location")).endsWith(FaviconRedirect.ICON);
        assertThat(given().get("/favicon.ico").statusCode()).isEqualTo(200);
    }
}

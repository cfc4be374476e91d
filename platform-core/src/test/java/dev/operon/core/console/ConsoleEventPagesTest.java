package dev.operon.core.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The events and profiles pages over plain HTTP: filters, keyset paging, escaped JSON, profile links, roles. */
@QuarkusTest
class ConsoleEventPagesTest {

    private static final Pattern EVENT_LINK = Pattern.compile("href=\"/events/([0-9]+)\"");

    static String newSource() {
        return ConsoleClient.admin().contentType(ContentType.JSON).body(Map.of("name", ConsoleClient.unique("src")))
                .post("/api/v1/sources").then().statusCode(201).extract().path("writeKey");
    }

    static void track(String writeKey, String userId, String event, Map<String, Object> properties, String time) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("event", event);
        body.put("properties", properties);
        body.put("timestamp", time);
        body.put("context", Map.of("page", Map.of("path", "/signup"), "locale", "en-GB"));
        given().auth().preemptive().basic(writeKey, "").contentType(ContentType.JSON).body(body).post("/v1/track")
                .then().statusCode(200);
    }

    /** The run's state once it ended (read as the admin, through the API). */
    private static String awaitEnd(long run, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String state = ConsoleClient.admin().get("/api/v1/runs/" + run).then().statusCode(200).extract()
                    .path("state");
            if (Api.TERMINAL.contains(state) || System.nanoTime() > deadline) {
                return state;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
        }
    }

    private static List<Long> eventIds(String page) {
        List<Long> ids = new ArrayList<>();
        Matcher m = EVENT_LINK.matcher(page);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    @Test
    void eventsAreListedNewestFirstFilteredAndPagedByKeyset() {
        String key = newSource();
        String user = ConsoleClient.unique("shopper");
        for (int i = 0; i < 55; i++) {
            track(key, user, i % 2 == 0 ? "Product Viewed" : "Order Completed", Map.of("n", i),
                    "2026-11-" + (10 + i % 10) + "T10:00:00Z");
        }
        ConsoleClient viewer = ConsoleClient.signInAs("viewer");
        String first = viewer.page("/events?userId=" + user);
        List<Long> firstIds = eventIds(first);
        assertThat(firstIds).hasSize(EventPages.PAGE);
        assertThat(firstIds).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        Matcher next = Pattern.compile("href=\"(/events\\?[^\"]*before=[0-9]+)\"").matcher(first);
        assertThat(next.find()).as(first).isTrue();
        String second = viewer.page(next.group(1).replace("&amp;", "&"));
        List<Long> secondIds = eventIds(second);
        assertThat(secondIds).hasSize(5);
        assertThat(secondIds.get(0)).isLessThan(firstIds.get(firstIds.size() - 1));
        assertThat(second).doesNotContain("id=\"events-next\"");

        String orders = viewer.request().queryParam("userId", user).queryParam("name", "Order Completed")
                .get("/events").then().statusCode(200).extract().body().asString();
        assertThat(eventIds(orders)).hasSize(27);
        assertThat(orders).doesNotContain("Product Viewed");
        String window = viewer.page("/events?userId=" + user + "&from=2026-11-12&to=2026-11-14T00:00:00Z");
        assertThat(eventIds(window)).hasSize(12);
        assertThat(eventIds(viewer.page("/events?userId=" + user + "&type=identify"))).isEmpty();
        assertThat(viewer.page("/events?userId=nobody-" + user)).contains("No event matches these filters.");
    }

    @Test
    void aBadFilterKeepsThePageAndNamesTheField() {
        ConsoleClient viewer = ConsoleClient.signInAs("viewer");
        Response bad = viewer.request().get("/events?from=yesterday&name=Signup");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body().asString()).contains("id=\"events-problem\"")
                .contains("from: &#39;yesterday&#39; is not an ISO-8601 date or date-time")
                .as("the filter form is there, as typed").contains("value=\"yesterday\"").contains("value=\"Signup\"");
        assertThat(viewer.request().get("/events?type=click").statusCode()).isEqualTo(422);
        Response valueWithoutTrait = viewer.request().get("/profiles?value=pro");
        assertThat(valueWithoutTrait.statusCode()).isEqualTo(422);
        assertThat(valueWithoutTrait.body().asString()).contains("id=\"profiles-problem\"")
                .contains("value: needs a trait").contains("id=\"profiles-filter\"");
        assertThat(viewer.request().get("/events/999999999999").statusCode()).isEqualTo(404);
        assertThat(viewer.request().get("/profiles/999999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void anEventShowsItsPropertiesAndContextAsEscapedJsonAndLinksItsProfile() {
        String key = newSource();
        String user = ConsoleClient.unique("xss");
        String attack = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        track(key, user, "Signed Up", Map.of("note", attack, "plan", "pro"), "2026-11-20T08:00:00Z");
        ConsoleClient admin = ConsoleClient.signInAdmin();
        long id = eventIds(admin.page("/events?userId=" + user)).get(0);

        String page = admin.page("/events/" + id);
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(").contains("&quot;plan&quot; : &quot;pro&quot;")
                .contains("id=\"event-context\"").contains("&quot;path&quot; : &quot;/signup&quot;")
                .contains("Signed Up");

        long run = ConsoleClient.admin().contentType(ContentType.JSON).body(Map.of("full", false))
                .post("/api/v1/profiles/update").then().statusCode(202).extract().jsonPath().getLong("id");
        assertThat(awaitEnd(run, Duration.ofSeconds(120))).isEqualTo("succeeded");
        Matcher profile = Pattern.compile("href=\"/profiles/([0-9]+)\" id=\"event-profile\"")
                .matcher(admin.page("/events/" + id));
        assertThat(profile.find()).isTrue();
        String profilePage = admin.page("/profiles/" + profile.group(1));
        assertThat(profilePage).contains(user).contains("href=\"/events/" + id + "\"")
                .contains("id=\"profile-features\"");
        assertThat(admin.page("/profiles?userId=" + user)).contains("href=\"/profiles/" + profile.group(1) + "\"");
        String chinese = admin.request().cookie("operon_lang", "zh-CN").get("/events/" + id).then().statusCode(200)
                .extract().body().asString();
        assertThat(chinese).contains("属性").contains("上下文");
    }

    @Test
    void thePagesNeedASignedInOperator() {
        Response anonymous = given().redirects().follow(false).get("/events");
        assertThat(anonymous.statusCode()).isIn(302, 303);
        assertThat(anonymous.header("Location")).contains("/login");
        assertThat(given().redirects().follow(false).get("/profiles").statusCode()).isIn(302, 303);
    }
}

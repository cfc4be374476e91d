package dev.operon.core.profiles;

import static dev.operon.core.profiles.EventRows.unique;
import static dev.operon.core.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.operon.core.db.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The profiles REST API: search, detail, timeline, trait history, consent, update; errors as problem documents. */
@QuarkusTest
@TestSecurity(user = "olga", roles = {"operator", "viewer"})
class ProfileApiTest {

    @Inject
    Jdbc jdbc;

    @Inject
    ProfileUpdater updater;

    @Inject
    ProfileReader reader;

    EventRows rows;
    final Instant t0 = Instant.now().minus(4, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void setUp() {
        rows = new EventRows(jdbc);
    }

    long person(String user, String anon, String plan, int tracks) {
        rows.page(null, anon, "Home", t0);
        rows.identify(user, anon, t0.plusSeconds(1), "{\"plan\": \"" + plan + "\"}", null);
        for (int i = 0; i < tracks; i++) {
            rows.track(user, null, "Viewed", t0.plusSeconds(10 + i), null);
        }
        updater.update(false, m -> { }, () -> false);
        return reader.resolve(user).orElseThrow();
    }

    @Test
    void searchFindsByIdsAndTraitsWithPaging() {
        String plan = unique("plan");
        String user = unique("api-user");
        String anon = unique("api-anon");
        long id = person(user, anon, plan, 1);
        person(unique("api-user"), unique("api-anon"), plan, 1);
        person(unique("api-user"), unique("api-anon"), plan, 1);

        assertThat(json().queryParam("userId", user).get("/api/v1/profiles").then().statusCode(200).extract()
                .jsonPath().getList("items.id", Long.class)).containsExactly(id);
        JsonPath byAnon = json().queryParam("anonymousId", anon).get("/api/v1/profiles").then().statusCode(200)
                .extract().jsonPath();
        assertThat(byAnon.getList("items.id", Long.class)).containsExactly(id);
        assertThat(byAnon.getList("items[0].anonymousIds", String.class)).containsExactly(anon);
        assertThat(byAnon.getString("items[0].traits.plan")).isEqualTo(plan);

        List<Long> seen = new ArrayList<>();
        Long after = 0L;
        do {
            JsonPath page = json().queryParam("trait", "plan").queryParam("value", plan).queryParam("limit", 2)
                    .queryParam("after", after).get("/api/v1/profiles").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", Long.class));
            after = page.get("next") == null ? null : page.getLong("next");
        } while (after != null);
        assertThat(seen).hasSize(3).isSorted().contains(id);
        assertThat(json().queryParam("trait", "plan").get("/api/v1/profiles").then().statusCode(200).extract()
                .jsonPath().getList("items")).isNotEmpty();

        json().queryParam("value", "x").get("/api/v1/profiles").then().statusCode(422)
                .contentType("application/problem+json");
        json().queryParam("limit", 0).get("/api/v1/profiles").then().statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void detailTimelineAndTraitHistory() {
        String user = unique("api-user");
        String anon = unique("api-anon");
        long id = person(user, anon, "pro", 5);
        rows.identify(user, null, t0.plusSeconds(100), "{\"plan\": \"team\"}", null);
        updater.update(false, m -> { }, () -> false);

        JsonPath detail = json().get("/api/v1/profiles/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("userId")).isEqualTo(user);
        assertThat(detail.getList("identities.value", String.class)).containsExactlyInAnyOrder(user, anon);
        assertThat(detail.getString("traits.plan")).isEqualTo("team");
        assertThat(detail.getLong("features.events")).isEqualTo(8);
        assertThat(detail.getBoolean("consent.marketing")).isFalse();
        assertThat(detail.getBoolean("consent.analytics")).isTrue();
        assertThat(detail.getMap("scores")).isEmpty();

        List<Long> timeline = new ArrayList<>();
        String before = null;
        do {
            var request = json().queryParam("limit", 3);
            if (before != null) {
                request.queryParam("before", before);
            }
            JsonPath page = request.get("/api/v1/profiles/" + id + "/events").then().statusCode(200).extract()
                    .jsonPath();
            timeline.addAll(page.getList("items.id", Long.class));
            before = page.getString("next");
        } while (before != null);
        assertThat(timeline).hasSize(8).doesNotHaveDuplicates();
        assertThat(json().queryParam("limit", 1).get("/api/v1/profiles/" + id + "/events").then().statusCode(200)
                .extract().jsonPath().getString("items[0].traits.plan")).as("newest first").isEqualTo("team");
        json().queryParam("before", "garbage").get("/api/v1/profiles/" + id + "/events").then().statusCode(422)
                .contentType("application/problem+json");

        JsonPath history = json().queryParam("trait", "plan").get("/api/v1/profiles/" + id + "/traits/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items.newValue", String.class)).containsExactly("team", "pro");
        assertThat(history.getString("items[0].oldValue")).isEqualTo("pro");

        json().get("/api/v1/profiles/999999999").then().statusCode(404).contentType("application/problem+json");
        json().get("/api/v1/profiles/999999999/events").then().statusCode(404)
                .contentType("application/problem+json");
        json().get("/api/v1/profiles/abc").then().statusCode(404);
    }

    @Test
    void consentIsSetValidatedAndAudited() {
        String user = unique("api-user");
        long id = person(user, unique("api-anon"), "pro", 0);
        JsonPath consent = json().body(Map.of("marketing", true)).put("/api/v1/profiles/" + id + "/consent").then()
                .statusCode(200).extract().jsonPath();
        assertThat(consent.getBoolean("purposes.marketing")).isTrue();
        assertThat(jdbc.count("select count(*) from audit_record where action = 'profile.consent' and target = ? "
                + "and actor_id = 'olga' and outcome = 'success'", "profile:" + id)).isEqualTo(1);
        json().body(Map.of("telepathy", true)).put("/api/v1/profiles/" + id + "/consent").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("unknown purpose"));
        json().body(Map.of()).put("/api/v1/profiles/" + id + "/consent").then().statusCode(422);
        json().body("{\"marketing\": \"maybe\"}").put("/api/v1/profiles/" + id + "/consent").then().statusCode(422)
                .contentType("application/problem+json");
        json().body(Map.of("marketing", false)).put("/api/v1/profiles/999999999/consent").then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(reader.get(id).orElseThrow().consent().allows("marketing")).isTrue();
    }

    @Test
    void updateOneProfileAtOnceOrAllThroughARun() {
        String user = unique("api-user");
        long id = person(user, unique("api-anon"), "pro", 1);
        rows.track(user, null, "Viewed", t0.plusSeconds(500), null);
        JsonPath one = json().body(Map.of("profileId", id)).post("/api/v1/profiles/update").then().statusCode(200)
                .extract().jsonPath();
        assertThat(one.getLong("features.events")).isEqualTo(4);
        assertThat(jdbc.count("select count(*) from audit_record where action = 'profile.update' and target = ?",
                "profile:" + id)).isEqualTo(1);

        long run = json().body(Map.of("full", false)).post("/api/v1/profiles/update").then().statusCode(202)
                .header("Location", containsString("/api/v1/runs/")).extract().jsonPath().getLong("id");
        JsonPath ended = dev.operon.core.testing.Api.awaitEnd(run, java.time.Duration.ofSeconds(60));
        assertThat(ended.getString("state")).isEqualTo("succeeded");
        assertThat(ended.getString("type")).isEqualTo(ProfilesUpdateTask.ID);
        json().body(Map.of("profileId", 999999999L)).post("/api/v1/profiles/update").then().statusCode(404)
                .contentType("application/problem+json");
    }
}

package dev.operon.core.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.audit.Actor;
import dev.operon.core.db.Jdbc;
import dev.operon.core.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A demo workspace seeded through the normal write paths: the expected shape (users with personas and traits, weeks
 * of events with a daily and a weekly rhythm, planted incidents, plugin demo data, training runs, the audit record),
 * a banner on every page, a second seeding refused, the audit chain intact.
 */
@QuarkusTest
@TestProfile(DemoProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoWorkspaceTest {

    @Inject
    DemoSeeding seeding;

    @Inject
    DemoWorkspace workspace;

    @Inject
    Jdbc jdbc;

    private static DemoSeeding.Summary summary;

    @Test
    @Order(1)
    void anUnseededDemoWorkspaceOffersTheSeedButton() {
        assertThat(workspace.enabled()).isTrue();
        assertThat(workspace.seeded()).isFalse();
        assertThat(given().auth().preemptive().basic("admin", PostgresResource.ADMIN_PASSWORD)
                .get("/api/v1/audit?action=demo.seed").then().statusCode(200).extract().jsonPath()
                .getList("items")).isEmpty();
    }

    @Test
    @Order(2)
    void seedingMakesTheShopThroughTheNormalWritePaths() throws Exception {
        summary = seeding.seed(Actor.operator("admin"));
        assertThat(summary.users()).isEqualTo(80);
        assertThat(summary.events()).isGreaterThan(5_000);
        assertThat(summary.rejected()).isZero();
        assertThat(summary.imported()).isEqualTo(summary.events());
        assertThat(summary.incidents()).hasSize(4);
        assertThat(summary.pluginsSeeded()).contains("test-kit");
        assertThat(workspace.seeded()).isTrue();

        long source = jdbc.count("select id from event_source where name = 'demo-shop'");
        assertThat(jdbc.count("select count(*) from event where source_id = ?", source)).isEqualTo(summary.events());
        assertThat(jdbc.count("select count(distinct user_id) from event where user_id like 'demo-user-%'"))
                .isEqualTo(80);
        // profiles: one live profile per user, anonymous ids merged in, persona traits
        assertThat(jdbc.count("select count(*) from profile where merged_into is null and user_id like 'demo-user-%'"))
                .isEqualTo(80);
        assertThat(jdbc.count("select count(distinct traits ->> 'persona') from profile where merged_into is null"
                + " and user_id like 'demo-user-%'")).isEqualTo(DemoShop.Persona.values().length);
        // most users opted in to marketing e-mail when they signed up (the default is no), so campaigns reach them
        long optedIn = jdbc.count("select count(*) from profile where merged_into is null and user_id like"
                + " 'demo-user-%' and (consent ->> 'marketing')::boolean");
        assertThat(optedIn).isBetween(40L, 72L);
        assertThat(jdbc.count("select count(distinct coalesce(p.merged_into, p.id)) from profile_identity i"
                + " join profile p on p.id = i.profile_id where i.value like 'demo-anon-%'")).isEqualTo(80);
        assertThat(jdbc.count("select count(*) from profile_identity i join profile p on p.id = i.profile_id"
                + " join profile w on w.id = coalesce(p.merged_into, p.id)"
                + " where i.value like 'demo-anon-%' and w.user_id is null")).isZero();
        // the test plugin's seeder wrote through its own data access
        assertThat(jdbc.count("select count(*) from test_kit_note where created_by = 'demo'")).isEqualTo(60);
        // the built-in plugins' seeders: the catalogue, the shop's metric series and rule, the support desk
        assertThat(summary.pluginsSeeded()).contains("anomaly", "recommend", "cs", "behaviour");
        assertThat(jdbc.count("select count(*) from behaviour_segment where created_by = 'demo'")).isEqualTo(4);
        assertThat(jdbc.count("select count(*) from recommend_item")).isEqualTo(
                new DemoShop(20261130, 80, 6, summary.end()).catalogue().size());
        assertThat(jdbc.count("select count(*) from anomaly_series where labels ->> 'demo' = 'shop'")).isEqualTo(4);
        assertThat(jdbc.count("select count(*) from anomaly_rule")).isEqualTo(2);
        // a system metric pushed after the scoring, whose slow end leaves an incident open; a past one confirmed
        List<String> anomalyRuns = summary.runsTriggered().stream().filter(run -> run.startsWith("anomaly"))
                .map(run -> run.replaceAll(" \\(run \\d+\\)", "")).toList();
        assertThat(anomalyRuns).containsSubsequence("anomaly.score: succeeded",
                "anomaly/checkout latency is pushed (call): succeeded", "anomaly.score: succeeded",
                "anomaly/an operator confirms the clearest past incident (call): succeeded");
        assertThat(jdbc.count("select count(*) from anomaly_incident i join anomaly_series s on s.id = i.series_id"
                + " where s.name = 'shop.checkout_latency_ms' and i.state = 'open'")).isEqualTo(1);
        assertThat(jdbc.count("select count(*) from anomaly_feedback where verdict = 'confirmed'")).isEqualTo(1);
        assertThat(jdbc.count("select count(*) from cs_training_example where source = 'import'")).isEqualTo(60);
        assertThat(summary.runsTriggered()).anyMatch(run -> run.startsWith("cs.intent-train (run "));
        // the customers of the support desk wrote in once its model was trained, through its inbound path
        assertThat(summary.runsTriggered()).containsSubsequence(find("cs.intent-train"),
                "cs/receive-message (call): succeeded");
        assertThat(jdbc.count("select count(*) from cs_conversation where intent is not null")).isEqualTo(16);
        assertThat(jdbc.count("select count(*) from audit_record where action = 'plugin.operation'"
                + " and target = 'plugin:cs/receive-message' and actor_id = 'admin'")).isEqualTo(16);
        // shoppers were served lists by the trained recommender after its training, saw them, clicked some
        assertThat(summary.runsTriggered()).contains("recommend/shoppers see their recommendations (call): succeeded");
        // and the online metrics were aggregated once more after them, so the panels show them at once
        List<String> runs = summary.runsTriggered();
        int shoppersSeen = runs.indexOf("recommend/shoppers see their recommendations (call): succeeded");
        assertThat(runs.subList(shoppersSeen, runs.size()))
                .anyMatch(run -> run.startsWith("recommend.feedback-aggregate (run ") && run.endsWith(": succeeded"));
        long impressions = jdbc.count("select count(*) from event where name = 'Recommendation Viewed'");
        long clicks = jdbc.count("select count(*) from event where name = 'Recommendation Clicked'");
        assertThat(impressions).isBetween(40L, 80L);
        assertThat(clicks).isPositive().isLessThan(impressions);
        // the demo's runs ran to their end, a plugin's one after another: the churn scoring found the model the
        // churn training made (with the horizon the behaviour seeder set), the anomaly scoring the derived series
        assertThat(summary.runsTriggered()).allSatisfy(run -> assertThat(run).endsWith(": succeeded"));
        assertThat(summary.runsTriggered()).containsSubsequence(
                find("behaviour.churn-train"), find("behaviour.churn-score"));
        assertThat(summary.runsTriggered()).containsSubsequence(find("anomaly.derive"), find("anomaly.score"));
        // lapsing users stop coming, so the churn model (7-day horizon) has churners to learn from and to find
        String churn = jdbc.one("select output from run where task_type = 'behaviour.churn-train'",
                rs -> rs.getString(1)).orElseThrow();
        JsonNode trained = new ObjectMapper().readTree(churn);
        assertThat(trained.get("holdoutChurned").asInt()).as(churn).isGreaterThanOrEqualTo(5);
        assertThat(trained.get("rocAuc").asDouble()).as(churn).isGreaterThan(0.65);
        // and the scoring, run after it, scored with its model rather than skipping for want of one
        String scoring = jdbc.one("select output from run where task_type = 'behaviour.churn-score'",
                rs -> rs.getString(1)).orElseThrow();
        JsonNode scored = new ObjectMapper().readTree(scoring);
        assertThat(scored.get("modelVersion").asInt()).as(scoring).isEqualTo(1);
        assertThat(scored.get("scored").asInt()).as(scoring).isGreaterThanOrEqualTo(80); // and the anonymous bots
        assertThat(jdbc.count("select count(*) from audit_record where action = 'plugin.config'"
                + " and target = 'plugin:behaviour'")).isEqualTo(1);
        assertThat(jdbc.count("select count(*) from audit_record where action = 'demo.seed'")).isEqualTo(1);
        assertThat(jdbc.count("select count(*) from audit_record where action = 'source.create'"
                + " and actor_id = 'admin'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theEventsHaveADailyAndAWeeklyRhythmAndThePlantedIncidents() {
        String users = " and user_id like 'demo-user-%'";
        long evening = jdbc.count("select count(*) from event where extract(hour from ts at time zone 'UTC')"
                + " between 18 and 21" + users);
        long night = jdbc.count("select count(*) from event where extract(hour from ts at time zone 'UTC')"
                + " between 1 and 4" + users);
        assertThat(evening).isGreaterThan(night * 5);
        // average events per calendar day, weekend days against weekdays, over the three whole weeks after every user
        // joined (users join during the first half of the history); 80 users make single days noisy
        Instant weekFrom = summary.start().plus(Duration.ofDays(21));
        String daily = "select avg(n) from (select date_trunc('day', ts at time zone 'UTC') d, count(*) n from event"
                + " where ts >= ? and ts < ?" + users + " group by 1) days where extract(isodow from d) ";
        double weekend = average(daily + "in (6, 7)", weekFrom);
        double weekday = average(daily + "between 1 and 5", weekFrom);
        assertThat(weekend).isGreaterThan(weekday * 1.2);

        DemoShop shop = new DemoShop(20261130, 80, 6, summary.end());
        DemoShop.Incident drop = shop.incidents().stream().filter(i -> i.name().equals("tracking drop")).findFirst()
                .orElseThrow();
        long during = between(drop.from(), drop.to(), null);
        long weekBefore = between(drop.from().minus(Duration.ofDays(7)), drop.to().minus(Duration.ofDays(7)), null);
        long weekAfter = between(drop.from().plus(Duration.ofDays(7)), drop.to().plus(Duration.ofDays(7)), null);
        assertThat(during * 3).isLessThan(Math.max(weekBefore, weekAfter));
        DemoShop.Incident bots = shop.incidents().stream().filter(i -> i.name().equals("bot traffic")).findFirst()
                .orElseThrow();
        long botViews = between(bots.from(), bots.to(), "Product Viewed");
        long dayBefore = between(bots.from().minus(Duration.ofDays(1)), bots.to().minus(Duration.ofDays(1)),
                "Product Viewed");
        assertThat(botViews).isGreaterThan(dayBefore * 5 + 100);
    }

    private static String find(String type) {
        return summary.runsTriggered().stream().filter(run -> run.startsWith(type + " (run ")).findFirst()
                .orElseThrow(() -> new AssertionError("no run of " + type + " in " + summary.runsTriggered()));
    }

    private double average(String sql, Instant from) {
        return jdbc.one(sql, rs -> rs.getDouble(1), from, from.plus(Duration.ofDays(21))).orElseThrow();
    }

    private long between(Instant from, Instant to, String name) {
        return name == null
                ? jdbc.count("select count(*) from event where ts >= ? and ts < ?", from, to)
                : jdbc.count("select count(*) from event where ts >= ? and ts < ? and name = ?", from, to, name);
    }

    @Test
    @Order(4)
    void theDemoIsMarkedOnEveryPageAndCannotBeSeededTwice() {
        assertThatThrownBy(() -> seeding.seed(Actor.SYSTEM)).isInstanceOf(ApiException.class)
                .hasMessageContaining("seeded");
        assertThat(seeding.startInBackground(Actor.SYSTEM)).isFalse();
        var verified = given().auth().preemptive().basic("admin", PostgresResource.ADMIN_PASSWORD)
                .get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertThat(verified.getBoolean("intact")).isTrue();
        String login = given().get("/login").then().statusCode(200).extract().body().asString();
        assertThat(login).contains("id=\"demo-banner\"");
        assertThat(summary.runsTriggered()).allSatisfy(run -> assertThat(run).containsAnyOf("(run ", "(call)"));
    }
}

package dev.operon.core.plugins;

import static dev.operon.core.profiles.EventRows.unique;
import static dev.operon.core.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.db.Jdbc;
import dev.operon.core.profiles.EventRows;
import dev.operon.core.profiles.ProfileUpdater;
import dev.operon.core.testing.Api;
import dev.operon.sdk.recommend.Recommendations;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * SDK 1.4's typed plugin services in the running platform: the real recommend plugin offers
 * {@link Recommendations}, the real marketing plugin finds it through its context, and a campaign's dry-run preview
 * renders the items the recommend plugin serves that user (the same list as its own {@code preview-recommendations},
 * with its filters: the item the user saw and the unavailable one are left out).
 */
@QuarkusTest
class RecommendationsInMarketingTest {

    @Inject
    Jdbc jdbc;

    @Inject
    ProfileUpdater updater;

    @Inject
    PluginRegistry registry;

    @Test
    @TestSecurity(user = "olga", roles = {"admin", "operator", "viewer"})
    void aCampaignPreviewShowsTheItemsTheRecommendPluginServes() {
        assertThat(registry.services("marketing").services().find(Recommendations.class))
                .as("the recommend plugin's service, seen from marketing").isPresent();

        EventRows rows = new EventRows(jdbc);
        String prefix = unique("rim");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String item = prefix + "-item" + i;
            items.add(item);
            json().body(Map.of("itemId", item, "title", "Title " + i, "category", "shoes", "price", 10 + i,
                            "available", i != 1))
                    .post("/api/v1/plugins/recommend/operations/upsert-item").then().statusCode(200);
        }
        Instant t = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String consent = "{\"marketing\": true, \"personalization\": true, \"analytics\": true}";
        // the crowd: item0 most popular, then item1 (unavailable), item2, ...
        for (int u = 0; u < 6; u++) {
            String crowd = prefix + "-crowd" + u;
            rows.identify(crowd, null, t, "{}", consent);
            for (int i = 0; i < 6 - u; i++) {
                rows.track(crowd, null, "Product Viewed", t.plusSeconds(10 + i),
                        "{\"product_id\": \"" + items.get(i) + "\"}");
            }
        }
        String user = prefix + "-reader";
        long segment = 900_000_000L + ThreadLocalRandom.current().nextInt(99_999_999);
        rows.identify(user, null, t, "{\"email\": \"" + user + "@example.com\", \"first_name\": \"Ada\"}",
                consent);
        rows.track(user, null, "Product Viewed", t.plusSeconds(60), "{\"product_id\": \"" + items.get(0) + "\"}");
        rows.track(user, null, "Segment Entered", t.plusSeconds(70), "{\"segment_id\": " + segment + "}");
        updater.update(false, m -> { }, () -> false);
        long popularity = Api.runType("recommend.popularity-refresh", Map.of());
        assertThat(Api.awaitEnd(popularity, Duration.ofMinutes(2)).getString("state")).isEqualTo("succeeded");

        long profileId = json().queryParam("userId", user).get("/api/v1/profiles").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
        List<String> served = json().body(Map.of("user", user, "n", 3))
                .post("/api/v1/plugins/recommend/operations/preview-recommendations").then().statusCode(200)
                .extract().jsonPath().getList("items.itemId", String.class);
        assertThat(served).isNotEmpty().doesNotContain(items.get(0), items.get(1));

        long campaign = json().body(Map.of("name", prefix + " picks", "channel", "email",
                        "segmentId", Long.toString(segment), "schedule", "once",
                        "sendAt", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                        "variants", List.of(Map.of("name", "A", "subject", "For you, {user.first_name}",
                                "text", "{#for item in recommendations.top(3)}{item.itemId};{/for}",
                                "html", "<ul>{#for item in recommendations.top(3)}<li>{item.title}</li>{/for}</ul>"))))
                .post("/api/v1/plugins/marketing/operations/create-campaign").then().statusCode(200)
                .extract().jsonPath().getLong("id");
        JsonPath dry = json().body(Map.of("id", campaign, "sampleProfileId", profileId))
                .post("/api/v1/plugins/marketing/operations/dry-run").then().statusCode(200).extract().jsonPath();
        assertThat(dry.getString("preview.error")).isNull();
        assertThat(Arrays.asList(dry.getString("preview.text").split(";"))).isEqualTo(served);
        assertThat(dry.getString("preview.html")).contains("<li>Title ");
        assertThat(dry.getString("preview.subject")).isEqualTo("For you, Ada");
    }
}

package dev.operon.core.ingest;

import static dev.operon.core.ingest.Tracking.count;
import static dev.operon.core.ingest.Tracking.rows;
import static dev.operon.core.ingest.Tracking.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/v1/events/import: CSV and JSON Lines, bad lines reported by number, dedupe, all-or-nothing. */
@QuarkusTest
class ImportTest {

    @Inject
    AgroalDataSource dataSource;

    private static JsonPath importBody(String body, String query) {
        return Tracking.admin().contentType("text/plain").body(body).post("/api/v1/events/import?" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void csvWithBadLinesImportsTheValidOnesAndNamesTheBadLines() {
        String user = unique("u");
        String csv = "type,event,userId,anonymousId,timestamp,messageId,properties.revenue,properties.note,traits.plan,"
                + "properties\n"
                + "track,Order Completed," + user + ",,2023-04-05T06:07:08Z," + user + "-1,19.99,\"one, two\",,\n"
                + "track,," + user + ",,2023-04-05T06:07:08Z," + user + "-2,,,,\n"
                + "identify,," + user + ",,2023-04-06T00:00:00Z," + user + "-3,,,pro,\n"
                + "track,Multi Line," + user + ",,2023-04-07T00:00:00Z," + user + "-4,,\"line one\nline two\",,"
                + "\"{\"\"coupon\"\": \"\"X\"\"}\"\n"
                + "track,Too Few," + user + "\n"
                + "\n"
                + "track,Bad Json," + user + ",,,,,,,{nope\n";
        JsonPath summary = importBody(csv, "format=csv");
        assertThat(summary.getLong("lines")).isEqualTo(6);
        assertThat(summary.getLong("imported")).isEqualTo(3);
        assertThat(summary.getLong("rejected")).isEqualTo(3);
        assertThat(summary.getBoolean("committed")).isTrue();
        List<Map<String, Object>> errors = summary.getList("errors");
        assertThat(errors).extracting(e -> e.get("line")).containsExactly(3, 7, 9);
        assertThat(errors.get(0).get("field")).isEqualTo("event");
        assertThat(errors.get(2).get("field")).isEqualTo("properties");

        List<Map<String, Object>> stored = rows(dataSource, "select type, name, ts, properties::text as p,"
                + " traits::text as t from event where user_id = ? order by message_id", user);
        assertThat(stored).hasSize(3);
        assertThat(stored.get(0).get("p").toString()).contains("\"revenue\": 19.99").contains("\"note\": \"one, two\"");
        assertThat(stored.get(1).get("t").toString()).contains("\"plan\": \"pro\"");
        assertThat(stored.get(2).get("p").toString()).contains("line one\\nline two").contains("\"coupon\": \"X\"");
    }

    @Test
    void jsonLinesAreDedupedLikeLiveEventsAndBadLinesReported() {
        String user = unique("u");
        String source = Tracking.admin().contentType("application/json").body(Map.of("name", unique("imp")))
                .post("/api/v1/sources").then().statusCode(201).extract().path("name");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            lines.append("{\"type\":\"track\",\"event\":\"Imported\",\"userId\":\"").append(user)
                    .append("\",\"messageId\":\"").append(user).append('-').append(i)
                    .append("\",\"timestamp\":\"2022-0").append(i + 1).append("-15T12:00:00Z\"}\n");
        }
        lines.append("{not json}\n");
        lines.append("{\"type\":\"track\",\"userId\":\"").append(user).append("\"}\n");
        JsonPath first = importBody(lines.toString(), "format=jsonl&source=" + source);
        assertThat(first.getLong("imported")).isEqualTo(5);
        List<Map<String, Object>> errors = first.getList("errors");
        assertThat(errors).extracting(e -> e.get("line")).containsExactly(6, 7);
        JsonPath again = importBody(lines.toString(), "format=jsonl&source=" + source);
        assertThat(again.getLong("imported")).isZero();
        assertThat(again.getLong("duplicates")).isEqualTo(5);
        assertThat(count(dataSource, "select count(*) from event where user_id = ?", user)).isEqualTo(5);
        assertThat(count(dataSource, "select count(*) from audit_record where action = 'events.import'"
                + " and details like '%\"imported\":5%'")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void allOrNothingStoresNothingWhenALineIsBad() {
        String user = unique("u");
        String good = "{\"type\":\"identify\",\"userId\":\"" + user + "\",\"timestamp\":\"2019-07-01T00:00:00Z\"}\n";
        String bad = "{\"type\":\"alias\",\"userId\":\"" + user + "\"}\n";
        JsonPath refused = importBody(good + good.replace("identify", "page") + bad, "format=jsonl&mode=all-or-nothing");
        assertThat(refused.getBoolean("committed")).isFalse();
        assertThat(refused.getLong("imported")).isZero();
        assertThat(refused.getList("errors")).hasSize(1);
        assertThat(count(dataSource, "select count(*) from event where user_id = ?", user)).isZero();
        JsonPath accepted = importBody(good, "format=jsonl&mode=all-or-nothing");
        assertThat(accepted.getBoolean("committed")).isTrue();
        assertThat(accepted.getLong("imported")).isEqualTo(1);
        assertThat(count(dataSource, "select count(*) from event_y2019m07 where user_id = ?", user)).isEqualTo(1);
    }

    @Test
    void unknownColumnsAndFormatsAreRefusedBeforeAnythingIsStored() {
        Tracking.admin().contentType("text/csv").body("type,event,userId,colour\ntrack,X,u,red\n")
                .post("/api/v1/events/import").then().statusCode(422).body("errors[0].field", equalTo("colour"));
        Tracking.admin().contentType("text/plain").body("x").post("/api/v1/events/import").then().statusCode(422)
                .body("errors[0].field", equalTo("format"));
        Tracking.admin().contentType("text/csv").body("x").post("/api/v1/events/import?source=nope").then()
                .statusCode(404);
    }
}

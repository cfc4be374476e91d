package dev.operon.core.ingest;

import static dev.operon.core.ingest.Tracking.admin;
import static dev.operon.core.ingest.Tracking.count;
import static dev.operon.core.ingest.Tracking.newSource;
import static dev.operon.core.ingest.Tracking.track;
import static dev.operon.core.ingest.Tracking.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Compressed request bodies, as analytics libraries and bulk uploads send them: gzip and deflate are read, the size
 * limits hold for what they decode to, anything else is refused clearly, and nothing of a refused body is stored.
 */
@QuarkusTest
class CompressedBodiesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    private long eventsOf(String user) {
        return count(dataSource, "select count(*) from event where user_id = ?", user);
    }

    private Response post(String key, String call, String encoding, byte[] body) {
        return given().auth().preemptive().basic(key, "").contentType(ContentType.JSON)
                .header("Content-Encoding", encoding).body(body).post("/v1/" + call);
    }

    @Test
    void gzipAndDeflateBodiesAreStoredLikePlainOnes() throws IOException {
        String key = newSource();
        String user = unique("gz");
        post(key, "track", "gzip", gzip(json.writeValueAsBytes(track(user, "Gzipped")))).then().statusCode(200)
                .body("success", equalTo(true));
        post(key, "identify", "deflate", deflate(json.writeValueAsBytes(Map.of("userId", user, "traits",
                Map.of("plan", "pro"))))).then().statusCode(200);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> message = new LinkedHashMap<>(track(user, "Batched"));
            message.put("type", "track");
            batch.add(message);
        }
        post(key, "batch", "x-gzip", gzip(json.writeValueAsBytes(Map.of("batch", batch)))).then().statusCode(200);
        // Segment's other name of batch, with the same write key check
        post(key, "import", "gzip", gzip(json.writeValueAsBytes(Map.of("batch", batch)))).then().statusCode(200);
        post("wrong-" + key, "import", "gzip", gzip(json.writeValueAsBytes(Map.of("batch", batch)))).then()
                .statusCode(401);
        assertThat(eventsOf(user)).isEqualTo(1 + 1 + 3 + 3);
    }

    @Test
    void theLimitsHoldForTheDecodedBodyNotTheCompressedOne() throws IOException {
        String key = newSource();
        String user = unique("bomb");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> message = new LinkedHashMap<>(track(user, "Many"));
            message.put("type", "track");
            message.put("properties", Map.of("blob", "z".repeat(20_000)));
            many.add(message);
        }
        byte[] body = gzip(json.writeValueAsBytes(Map.of("batch", many)));
        assertThat(body.length).as("about 800 KB of JSON compresses to a few KB").isLessThan(20_000);
        post(key, "batch", "gzip", body).then().statusCode(400).body("type", equalTo("/problems/too-large"))
                .body("detail", containsString("per batch"));
        Map<String, Object> big = track(user, "Big");
        big.put("properties", Map.of("blob", "x".repeat(40_000)));
        post(key, "track", "gzip", gzip(json.writeValueAsBytes(big))).then().statusCode(400)
                .body("type", equalTo("/problems/too-large"));
        assertThat(eventsOf(user)).isZero();
    }

    @Test
    void aBodyThatIsNotWhatItsEncodingSaysIs400AndAnUnknownEncoding415() throws IOException {
        String key = newSource();
        String user = unique("bad");
        byte[] plain = json.writeValueAsBytes(track(user, "Plain"));
        post(key, "track", "gzip", plain).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not gzip data"));
        byte[] cut = gzip(plain);
        byte[] half = java.util.Arrays.copyOf(cut, cut.length / 2);
        post(key, "track", "gzip", half).then().statusCode(400).body("detail", containsString("could not be read"));
        post(key, "track", "br", plain).then().statusCode(415).contentType("application/problem+json")
                .header("Accept-Encoding", "gzip, deflate")
                .body("type", equalTo("/problems/unsupported-content-encoding"))
                .body("detail", containsString("'br'"));
        post(key, "track", "gzip, gzip", gzip(gzip(plain))).then().statusCode(415);
        post(key, "track", "identity", plain).then().statusCode(200);
        assertThat(eventsOf(user)).isEqualTo(1);
    }

    @Test
    void theImportApiReadsAGzippedFile() throws IOException {
        String user = unique("imp");
        StringBuilder csv = new StringBuilder("type,event,userId,timestamp,messageId\n");
        for (int i = 0; i < 50; i++) {
            csv.append("track,Viewed,").append(user).append(",2025-02-02T03:04:05Z,").append(user).append('-')
                    .append(i).append('\n');
        }
        admin().contentType("text/csv").header("Content-Encoding", "gzip")
                .body(gzip(csv.toString().getBytes(StandardCharsets.UTF_8))).post("/api/v1/events/import")
                .then().statusCode(200).body("imported", equalTo(50));
        admin().contentType("text/csv").header("Content-Encoding", "gzip")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8)).post("/api/v1/events/import")
                .then().statusCode(400).body("detail", containsString("not gzip data"));
        admin().contentType("text/csv").header("Content-Encoding", "zstd")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8)).post("/api/v1/events/import")
                .then().statusCode(415).header("Accept-Encoding", "gzip, deflate");
        assertThat(eventsOf(user)).isEqualTo(50);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream zip = new DeflaterOutputStream(out)) {
            zip.write(plain);
        }
        return out.toByteArray();
    }
}

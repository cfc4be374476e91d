package dev.operon.core.fuzz;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.fuzz.FuzzPayloads.Body;
import dev.operon.core.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded generated bodies ({@link FuzzPayloads}, {@link Gen}) sent to every operation of every installed plugin, as an admin (so
 * the input is read and bound) and as a viewer (so refused operations audit what they were sent): malformed JSON,
 * odd Unicode in each string input the operation's JSON Schema declares, wrong types, deep nesting and a body over the
 * API's size limit. Never a 5xx; every refusal is a problem document. A fixed seed ({@code -Doperon.fuzz.seed=N}
 * overrides it) is printed with every failing input, as in {@link IngestionFuzzTest}.
 */
@QuarkusTest
class OperationFuzzTest {

    private static final int SAMPLES_PER_OPERATION = Integer.getInteger("operon.fuzz.operation-samples", 12);

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", PostgresResource.ADMIN_PASSWORD);
    }

    record Operation(String plugin, String name, JsonNode inputSchema) {

        String url() {
            return "/api/v1/plugins/" + plugin + "/operations/" + name;
        }
    }

    private static List<Operation> operations() throws java.io.IOException {
        List<Operation> all = new ArrayList<>();
        JsonNode plugins = FuzzPayloads.JSON.readTree(admin().get("/api/v1/plugins").then().statusCode(200)
                .extract().asByteArray());
        for (JsonNode plugin : plugins) {
            String id = plugin.path("id").asText();
            JsonNode detail = FuzzPayloads.JSON.readTree(admin().get("/api/v1/plugins/" + id).then().statusCode(200)
                    .extract().asByteArray());
            for (JsonNode operation : detail.path("operations")) {
                all.add(new Operation(id, operation.path("name").asText(), operation.path("inputSchema")));
            }
        }
        return all;
    }

    /** Bodies shaped by the operation's schema: each declared member gets odd text, a wrong type or a huge value. */
    private static Gen<Body> bodiesFor(Operation operation) {
        List<String> members = new ArrayList<>();
        operation.inputSchema().path("properties").fieldNames().forEachRemaining(members::add);
        Gen<Body> shaped = members.isEmpty() ? FuzzPayloads.oddTrackMessages() : shapedBy(members);
        return Gen.frequency(Gen.weighted(3, shaped), Gen.weighted(2, FuzzPayloads.malformed()));
    }

    private static Gen<Body> shapedBy(List<String> members) {
        Gen<String> member = Gen.of(members);
        Gen<String> text = FuzzPayloads.oddText();
        Gen<Object> other = Gen.of(1e308, -1, 0, true, List.of(), java.util.Map.of(), "x".repeat(100_000));
        return random -> {
            String chosen = member.next(random);
            String oddText = text.next(random);
            Object otherValue = other.next(random);
            boolean useText = random.nextBoolean();
            boolean escaped = random.nextBoolean();
            ObjectNode body = FuzzPayloads.JSON.createObjectNode();
            for (String name : members) {
                body.put(name, "ok");
            }
            body.set(chosen, FuzzPayloads.JSON.valueToTree(useText ? oddText : otherValue));
            return FuzzPayloads.body("member " + chosen, body, escaped);
        };
    }

    @Test
    void everyOperationAnswersHostileBodiesWithoutAServerError() throws java.io.IOException {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(10);
        String viewer = "fuzz-viewer-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        admin().contentType(ContentType.JSON).body(java.util.Map.of("username", viewer, "password",
                "correct-horse-battery-9", "role", "viewer")).post("/api/v1/operators").then().statusCode(201);
        long seed = Gen.seed(0x7ac4_0004L);
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Operation operation : operations) {
            // each operation's own seed, so a failure reproduces whatever other operations are installed
            long operationSeed = seed ^ operation.url().hashCode();
            for (Body body : bodiesFor(operation).samples(operationSeed, SAMPLES_PER_OPERATION)) {
                for (RequestSpecification caller : List.of(admin(),
                        given().auth().preemptive().basic(viewer, "correct-horse-battery-9"))) {
                    calls++;
                    String failure;
                    try {
                        failure = judge(caller.contentType(ContentType.JSON).body(body.bytes()).post(operation.url()));
                    } catch (Exception e) {
                        // REST Assured's read timeout (Quarkus sets it for tests) or a dropped connection
                        failure = "no answer: " + e;
                    }
                    if (failure != null) {
                        wrong.add(operation.plugin() + "/" + operation.name() + ": " + failure + " for "
                                + body.preview());
                    }
                }
            }
        }
        assertThat(wrong).as(FuzzPayloads.reproduce(seed)).isEmpty();
        assertThat(calls).isGreaterThan(operations.size() * SAMPLES_PER_OPERATION);
    }

    /** The declared length is refused before the body is read ({@code api.RequestIds}). */
    @Test
    void aBodyOverTheSizeLimitIsAProblem() throws java.io.IOException {
        byte[] huge = ("{\"text\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (Operation operation : operations().subList(0, 3)) {
            java.net.http.HttpResponse<String> response;
            try {
                response = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port
                                        + operation.url()))
                        .timeout(java.time.Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                ("admin:" + PostgresResource.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(huge)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertThat(response.statusCode()).as(operation.url()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(operation.url())
                    .startsWith("application/problem+json");
        }
    }

    private static String judge(Response response) {
        int status = response.statusCode();
        if (status >= 500) {
            return status + " " + response.asString();
        }
        if (status >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            return status + " is not a problem document: " + response.contentType();
        }
        return null;
    }
}

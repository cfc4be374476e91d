package dev.operon.core.models;

import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.json;
import static dev.operon.core.testing.Api.runType;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Helpers of the model tests: train through the task engine, read the registry, predict over HTTP. */
final class Models {

    private Models() {
    }

    /** Runs {@code test-kit.train-line} for {@code type} with {@code params} and waits for its end. */
    static JsonPath train(String type, Map<String, Object> params) {
        return awaitEnd(startTraining(type, params), Duration.ofSeconds(90));
    }

    static long startTraining(String type, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("modelType", type);
        return runType("test-kit.train-line", all);
    }

    static List<Map<String, Object>> versions(String type) {
        return json().get("/api/v1/models/" + type + "/versions").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    static JsonPath version(String type, int version) {
        return json().get("/api/v1/models/" + type + "/versions/" + version).then().statusCode(200).extract()
                .jsonPath();
    }

    static Response predictCall(String type, double x) {
        return json().body(Map.of("x", x)).post("/api/v1/models/" + type + "/predict");
    }

    /** A prediction that must succeed: {version, output.y}. */
    static JsonPath predict(String type, double x) {
        return predictCall(type, x).then().statusCode(200).extract().jsonPath();
    }

    static String logs(long runId) {
        return String.join("\n", json().get("/api/v1/runs/" + runId + "/logs?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("message", String.class));
    }
}

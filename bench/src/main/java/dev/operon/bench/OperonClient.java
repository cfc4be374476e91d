package dev.operon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The platform's HTTP API over loopback, signed in with HTTP Basic. */
final class OperonClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> FINAL_STATES = java.util.Set.of("succeeded", "failed", "cancelled",
            "timed-out", "skipped");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String authorization;

    OperonClient(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The status of an unauthenticated GET, or -1 when nothing answers. */
    int probe(String path) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(2))
                    .GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    String base() {
        return base;
    }

    /** A GET whose body is text (such as /q/metrics). */
    String getText(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                        .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path, Duration.ofSeconds(60)).GET().build());
    }

    JsonNode post(String path, Object body, Duration timeout) throws IOException, InterruptedException {
        String text = body == null ? "" : JSON.writeValueAsString(body);
        return send(request(path, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    /** Polls a run every {@code poll} until it is in a final state; returns the run as it ended. */
    JsonNode awaitRun(long id, Duration poll) throws IOException, InterruptedException {
        while (true) {
            JsonNode run = get("/api/v1/runs/" + id);
            if (FINAL_STATES.contains(run.get("state").asText())) {
                return run;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}

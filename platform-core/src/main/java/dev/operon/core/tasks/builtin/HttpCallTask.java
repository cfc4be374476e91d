package dev.operon.core.tasks.builtin;

import dev.operon.sdk.task.PermanentTaskFailure;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code core.http-call}: calls a webhook. A 2xx answer succeeds; a timeout, a connection error, a 5xx or a 429 fails
 * the attempt and is retried with back-off (three retries by default); any other status fails at once, since
 * retrying will not change it.
 */
public class HttpCallTask implements TaskType<HttpCallTask.Input, HttpCallTask.Output> {

    private static final int EXCERPT_CHARS = 2_000;

    /** Built on the first call: a JDK HTTP client costs a tenth of a second of start-up (its TLS context). */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * @param url            http or https URL
     * @param method         GET (default), POST, PUT, PATCH, DELETE or HEAD
     * @param headers        request headers; values are never logged
     * @param body           request body (text, sent as UTF-8)
     * @param contentType    the body's media type, {@code application/json} by default
     * @param timeoutSeconds time allowed for the whole exchange, 10 by default
     */
    public record Input(
            @NotBlank @Pattern(regexp = "(?i)https?://\\S+", message = "must be an http:// or https:// URL")
            String url,
            @Pattern(regexp = "GET|POST|PUT|PATCH|DELETE|HEAD", message = "must be GET, POST, PUT, PATCH, DELETE or HEAD")
            String method,
            Map<String, String> headers,
            @Size(max = 1_000_000) String body,
            String contentType,
            @Min(0) @Max(300) int timeoutSeconds) {
    }

    /**
     * @param status         the HTTP status
     * @param durationMillis how long the exchange took
     * @param responseExcerpt the first 2,000 characters of the response body
     */
    public record Output(int status, long durationMillis, String responseExcerpt) {
    }

    @Override
    public String id() {
        return "core.http-call";
    }

    @Override
    public String title() {
        return "HTTP call";
    }

    @Override
    public String description() {
        return "Calls a URL (a webhook) with a timeout; retried with back-off on timeouts, connection errors, 5xx"
                + " and 429.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withMaxRetries(3).withTimeout(Duration.ofMinutes(5));
    }

    @Override
    public Output run(TaskContext context, Input input) throws IOException, InterruptedException {
        String method = input.method() == null ? "GET" : input.method();
        int timeout = input.timeoutSeconds() == 0 ? 10 : input.timeoutSeconds();
        URI uri;
        try {
            uri = URI.create(input.url());
        } catch (IllegalArgumentException e) {
            throw new PermanentTaskFailure("invalid URL: " + e.getMessage());
        }
        HttpRequest.BodyPublisher body = input.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(input.body(), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeout))
                .method(method, body);
        if (input.body() != null) {
            request.header("Content-Type", input.contentType() == null ? "application/json" : input.contentType());
        }
        if (input.headers() != null) {
            try {
                input.headers().forEach(request::header);
            } catch (IllegalArgumentException e) {
                throw new PermanentTaskFailure("invalid header: " + e.getMessage());
            }
        }
        context.log().info(method + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath()
                + " (timeout " + timeout + " s)");
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = Client.INSTANCE.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new IOException("no answer within " + timeout + " s", e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        String excerpt = text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "…" : text;
        context.log().info("answered " + status + " in " + millis + " ms");
        if (status >= 200 && status < 300) {
            return new Output(status, millis, excerpt);
        }
        if (status >= 500 || status == 429 || status == 408) {
            throw new IOException("answered " + status + " (will retry)");
        }
        throw new PermanentTaskFailure("answered " + status + "; not retried");
    }
}

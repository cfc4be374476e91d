package dev.operon.core.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The packaged platform ({@code quarkus-run.jar serve}) as a child process, on its own data folder and port, with an
 * HTTP client that signs in as the first-start admin. For tests that need a real JVM to kill.
 */
final class PlatformProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "it-admin-password-1";

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> properties = new ArrayList<>();
    private Process process;
    private final Map<String, String> extraEnv = new java.util.LinkedHashMap<>();

    PlatformProcess(Path dataDir) throws IOException {
        this(dataDir, freePort());
    }

    PlatformProcess(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.logFile = dataDir.getParent().resolve(dataDir.getFileName() + "-platform.log");
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("operon.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the application first: " + jar + " is missing");
        }
        return jar;
    }

    /** An environment variable for every later start and command of this platform. */
    PlatformProcess withEnv(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** A configuration value for the platform's JVM ({@code -Dkey=value}); call before {@link #start}. */
    PlatformProcess property(String key, String value) {
        properties.add("-D" + key + "=" + value);
        return this;
    }

    int port() {
        return port;
    }

    /** Runs {@code operon <args>} to its end with this platform's environment; returns exit code and output. */
    Result command(String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile("operon-command", ".log");
        Process command = builder(args).redirectOutput(output.toFile()).start();
        if (!command.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            command.destroyForcibly();
            throw new IllegalStateException("operon " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Result(command.exitValue(), Files.readString(output));
    }

    /** What a finished command printed (standard output and error together). */
    record Result(int exit, String output) {
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m"));
        command.addAll(properties);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("OPERON_DB_URL");
        env.put("OPERON_DATA_DIR", dataDir.toString());
        env.put("OPERON_HTTP_PORT", Integer.toString(port));
        env.put("OPERON_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putAll(extraEnv);
        return builder;
    }

    void start() throws IOException, InterruptedException {
        process = builder("serve").redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        Instant giveUp = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the platform was not ready within 90 s:\n" + log());
    }

    /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is left running. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    String log() throws IOException {
        return Files.exists(logFile) ? Files.readString(logFile) : "";
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, "admin", ADMIN_PASSWORD);
    }

    /** A POST signed in as another user (an operator created by the test, or a source's write key). */
    HttpResponse<String> post(String path, String json, String user, String password)
            throws IOException, InterruptedException {
        return http.send(request(path, user, password).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return request(path, "admin", ADMIN_PASSWORD);
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Basic " + basic);
    }

    /** Stops the platform with SIGTERM; its shutdown hook stops the embedded PostgreSQL it runs on. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}

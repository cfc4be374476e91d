package dev.operon.core.it.cluster;

import java.io.IOException;
import java.net.InetAddress;
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
import java.util.concurrent.TimeUnit;

/**
 * One platform node: the packaged application ({@code quarkus-run.jar serve}) as its own JVM, on the shared
 * PostgreSQL through OPERON_DB_URL, with its own HTTP port, data folder and node id (the Quartz instance id).
 */
final class ClusterNode implements AutoCloseable {

    static final String ADMIN_PASSWORD = "cluster-it-admin-password-1";

    private final String id;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final String jdbcUrl;
    private final Map<String, String> extraEnv;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    ClusterNode(String id, Path dataDir, String jdbcUrl, Map<String, String> extraEnv) throws IOException {
        this.id = id;
        this.dataDir = dataDir;
        this.logFile = dataDir.resolveSibling(id + ".log");
        this.port = freePort();
        this.jdbcUrl = jdbcUrl;
        this.extraEnv = extraEnv;
    }

    String id() {
        return id;
    }

    int port() {
        return port;
    }

    /** Launches the JVM; {@link #awaitReady} waits for it. */
    void launch() throws IOException {
        Files.createDirectories(dataDir);
        Path jar = Path.of(System.getProperty("operon.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the application first: " + jar + " is missing");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        env.put("OPERON_DB_URL", jdbcUrl);
        env.put("OPERON_DB_USER", SharedPostgres.USER);
        env.put("OPERON_DB_PASSWORD", "");
        env.put("OPERON_DATA_DIR", dataDir.toString());
        env.put("OPERON_HTTP_HOST", "127.0.0.1");
        env.put("OPERON_HTTP_PORT", Integer.toString(port));
        env.put("OPERON_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("QUARKUS_QUARTZ_INSTANCE_ID", id);
        // the built-in plugins' own schedules would add unrelated runs to what the tests count
        env.put("OPERON_CORE_TASKS_PLUGIN_DEFAULT_SCHEDULES", "false");
        env.put("OPERON_CORE_PROFILES_UPDATE_EVERY_SECONDS", "0");
        env.remove("OPERON_JAVA_OPTS");
        env.putAll(extraEnv);
        process = builder.start();
    }

    void awaitReady(Duration limit) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(limit);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + id + " exited with " + process.exitValue() + ":\n" + log());
            }
            if (ready()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("node " + id + " was not ready within " + limit.toSeconds() + " s:\n"
                + log());
    }

    /** True when {@code /q/health/ready} answers 200. */
    boolean ready() throws InterruptedException {
        try {
            return http.send(request("/q/health/ready").timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** kill -9: no shutdown hook, no deregistration, whatever it was running is left running in the database. */
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
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Segment call authenticated by a source's write key (Basic, key as user name). */
    HttpResponse<String> track(String path, String writeKey, String json, Duration timeout)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic);
    }

    /** SIGTERM without waiting (several nodes drain at once; {@link #close} waits). */
    void terminate() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

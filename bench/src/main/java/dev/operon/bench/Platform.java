package dev.operon.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ./operon serve} child process with its own data folder, loopback port and admin password. Stopping it
 * sends SIGTERM, waits, and makes sure the embedded PostgreSQL it started is gone too (with {@code pg_ctl} if the
 * platform had to be killed). Every live platform is stopped when the harness exits, however it exits.
 */
final class Platform implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String PASSWORD = "bench-admin-password-1";
    private static final Set<Platform> LIVE = ConcurrentHashMap.newKeySet();
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");

    private final Process process;
    private final long launchedAt;
    private final int port;
    private final Path log;
    private final PostgresControl postgres;

    private Platform(Process process, long launchedAt, int port, Path log, PostgresControl postgres) {
        this.process = process;
        this.launchedAt = launchedAt;
        this.port = port;
        this.log = log;
        this.postgres = postgres;
    }

    /** Launches {@code ./operon serve} from {@code repo}; {@code javaOpts} goes to OPERON_JAVA_OPTS when not blank. */
    static Platform launch(Path repo, Path dataDir, Path log, String javaOpts) throws IOException {
        return launch(repo, dataDir, log, javaOpts == null || javaOpts.isBlank() ? Map.of()
                : Map.of("OPERON_JAVA_OPTS", javaOpts));
    }

    /**
     * Launches {@code ./operon serve} from {@code repo} with {@code extraEnv} on top of the harness's environment
     * (for example OPERON_JAVA_OPTS or OPERON_CDS); OPERON_JAVA_OPTS is cleared unless given there.
     */
    static Platform launch(Path repo, Path dataDir, Path log, Map<String, String> extraEnv) throws IOException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(repo.resolve("operon").toString(), "serve")
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.remove("OPERON_DB_URL");
        env.put("OPERON_DATA_DIR", dataDir.toString());
        env.put("OPERON_HTTP_HOST", "127.0.0.1");
        env.put("OPERON_HTTP_PORT", Integer.toString(port));
        env.put("OPERON_ADMIN_PASSWORD", PASSWORD);
        env.remove("OPERON_JAVA_OPTS");
        env.putAll(extraEnv);
        long launchedAt = System.nanoTime();
        Platform platform = new Platform(builder.start(), launchedAt, port, log, new PostgresControl(dataDir));
        LIVE.add(platform);
        return platform;
    }

    /** Waits until {@code /q/health/ready} answers 200; returns the time from launch. */
    Duration awaitReady(Duration limit) throws IOException, InterruptedException {
        OperonClient client = client();
        long deadline = launchedAt + limit.toNanos();
        while (true) {
            if (client.probe("/q/health/ready") == 200) {
                return Duration.ofNanos(System.nanoTime() - launchedAt);
            }
            if (!process.isAlive()) {
                throw new IOException("the platform exited with " + process.exitValue() + " before it was ready;"
                        + " see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the platform was not ready within " + limit.toSeconds() + " s; see " + log);
            }
            Thread.sleep(20);
        }
    }

    OperonClient client() {
        return new OperonClient(port, ADMIN, PASSWORD);
    }

    long pid() {
        return process.pid();
    }

    PostgresControl postgres() {
        return postgres;
    }

    /** Quarkus's own "started in" figure from the log (the part after the launcher's database work). */
    Optional<Double> quarkusStartedSeconds() {
        try {
            Matcher matcher = STARTED_IN.matcher(Files.readString(log));
            return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * SIGTERM, then up to a minute for the JVM to exit; killed if it does not. When the platform started its own
     * PostgreSQL ({@code ownsPostgres}), waits for it to stop and stops it with pg_ctl if it is still up.
     */
    void stop(boolean ownsPostgres) throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        LIVE.remove(this);
        if (ownsPostgres && !postgres.awaitStopped(Duration.ofSeconds(30))) {
            postgres.stopIfRunning();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            stop(true);
        }
    }

    /** Stops every platform still running: for the harness's shutdown hook and time limit. */
    static void stopAll() {
        for (Platform platform : Set.copyOf(LIVE)) {
            try {
                platform.stop(true);
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("bench: could not stop the platform cleanly: " + e.getMessage());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

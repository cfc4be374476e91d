package dev.operon.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The PostgreSQL server that Operon runs for itself when {@code OPERON_DB_URL} is unset: real PostgreSQL binaries
 * from Maven Central, data in {@code <data-dir>/postgres} so that it survives restarts.
 *
 * <p>When a server already runs on that data folder (a running platform, or one whose JVM was killed and left its
 * PostgreSQL behind) it is adopted rather than started twice: its port is read from {@code postmaster.pid}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres owned;
    private final int port;
    private final Path pgData;

    private EmbeddedDatabase(EmbeddedPostgres owned, int port, Path pgData) {
        this.owned = owned;
        this.port = port;
        this.pgData = pgData;
    }

    /** Adopts the server running on {@code dataDir}, or starts one there. */
    public static EmbeddedDatabase startOrAdopt(Path dataDir) throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Optional<Integer> running = runningPort(pgData);
        if (running.isPresent()) {
            return new EmbeddedDatabase(null, running.get(), pgData);
        }
        return start(dataDir, 0, ServerSettings.resolve(System.getenv(ServerSettings.ENV)));
    }

    /**
     * Adopts the server running on {@code dataDir} at once, or starts one there on a background thread: the
     * returned {@link Starting} knows the port (chosen now) before the server listens, so the application can boot
     * meanwhile; its JDBC URL makes every connection wait until the server accepts connections
     * ({@link StartingServerSocketFactory}). {@code onFailure} gets the error when the start fails.
     */
    public static Starting startOrAdoptInBackground(Path dataDir, java.util.function.Consumer<Throwable> onFailure)
            throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Optional<Integer> running = runningPort(pgData);
        if (running.isPresent()) {
            EmbeddedDatabase adopted = new EmbeddedDatabase(null, running.get(), pgData);
            return new Starting(adopted.port, pgData, CompletableFuture.completedFuture(adopted));
        }
        // a malformed OPERON_DB_SETTINGS is reported here, before anything starts
        Map<String, String> settings = ServerSettings.resolve(System.getenv(ServerSettings.ENV));
        Files.createDirectories(pgData);
        Files.createDirectories(dataDir.resolve("pg-binaries"));
        int port = freePort();
        CompletableFuture<EmbeddedDatabase> started = new CompletableFuture<>();
        STARTING.set(started);
        Thread starter = new Thread(() -> {
            try {
                started.complete(start(dataDir, port, settings));
            } catch (IOException | RuntimeException | Error e) {
                started.completeExceptionally(e);
                if (!jvmShuttingDown()) {
                    // a start cut short because the process is ending for another reason is not worth a line
                    onFailure.accept(e);
                }
            }
        }, "operon-embedded-postgres-start");
        starter.setDaemon(true);
        starter.start();
        return new Starting(port, pgData, started);
    }

    /** The embedded server this JVM is starting in the background, if any: connections wait for it. */
    private static final java.util.concurrent.atomic.AtomicReference<CompletableFuture<EmbeddedDatabase>> STARTING =
            new java.util.concurrent.atomic.AtomicReference<>(CompletableFuture.completedFuture(null));

    /**
     * Blocks until the embedded server started in the background accepts connections (returns at once when none
     * is starting). A failed start is reported by the launcher, which ends the process; connections opened meanwhile
     * fail with {@code IOException}.
     */
    static void awaitBackgroundStart() throws IOException {
        try {
            STARTING.get().get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the embedded PostgreSQL to start", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the embedded PostgreSQL did not start", e);
        }
    }

    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts a server on {@code dataDir} with these server settings (for tests: the launcher's path reads them from the environment). */
    static EmbeddedDatabase start(Path dataDir, int port, Map<String, String> settings) throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        Path binaries = dataDir.resolve("pg-binaries");
        Files.createDirectories(binaries);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (port > 0) {
            builder.setPort(port);
        }
        builder
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                // the launcher's own hook stops it, after the node's drain (ADR 0013); the library's hook would
                // stop it concurrently with the drain
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        settings.forEach(builder::setServerConfig);
        // the server's own log (warnings and errors) goes to one file per start, beside its data folder
        Path log = dataDir.resolve(SERVER_LOG);
        // (the library merges the server's error stream into its output)
        builder.setOutputRedirector(ProcessBuilder.Redirect.to(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
        java.util.concurrent.atomic.AtomicBoolean reportedDead = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watcher = failedStartWatcher(log, Thread.currentThread(), reportedDead);
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IOException(e.getMessage() + serverSaid(log), e);
        } finally {
            watcher.interrupt();
            if (reportedDead.get()) {
                Thread.interrupted(); // the watcher's interrupt has done its work: the library's wait is over
            }
        }
        if (reportedDead.get()) {
            // the library ends its wait quietly when interrupted
            throw new IOException("pg_ctl could not start the server" + serverSaid(log));
        }
        return new EmbeddedDatabase(postgres, postgres.getPort(), pgData);
    }

    /**
     * The library waits its whole start-up wait for a server that {@code pg_ctl} already reported dead (a setting it
     * does not know, say); this watches the log for that report and interrupts the starting thread, which ends the
     * wait at once.
     */
    private static Thread failedStartWatcher(Path log, Thread starting,
            java.util.concurrent.atomic.AtomicBoolean reportedDead) {
        Thread watcher = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(100);
                    if (Files.isReadable(log) && Files.readString(log).contains("pg_ctl: could not start server")) {
                        reportedDead.set(true);
                        starting.interrupt();
                        return;
                    }
                }
            } catch (InterruptedException | IOException | java.io.UncheckedIOException e) {
                // the start is over, or the log is unreadable: the library's own wait decides
            }
        }, "operon-embedded-postgres-start-watch");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    /** The file, in the data folder, that holds the embedded server's log since its last start. */
    public static final String SERVER_LOG = "postgres.log";

    private static String serverSaid(Path log) {
        return lastFatal(log).map(line -> " (the server said: " + line + ")").orElse("");
    }

    private static Optional<String> lastFatal(Path log) {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("FATAL:")).reduce((first, second) -> second)
                    .map(line -> line.substring(line.indexOf("FATAL:") + "FATAL:".length()).trim());
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Starts a throw-away server in {@code folder}, wiped on start: for tests and benchmarks. */
    public static EmbeddedDatabase startFresh(Path folder) throws IOException {
        Files.createDirectories(folder);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(folder.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "localhost")
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new EmbeddedDatabase(postgres, postgres.getPort(), folder.resolve("postgres"));
    }

    /** The port of a live server on {@code pgData}, if one answers there. */
    static Optional<Integer> runningPort(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isReadable(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && answers(port)) {
                return Optional.of(port);
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean answers(int port) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl(port), USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /**
     * An embedded server being started on a background thread (or adopted, then already done): its port and the
     * JDBC URL to use meanwhile, whose connections wait until it accepts them.
     */
    public static final class Starting {
        private final int port;
        private final Path pgData;
        private final CompletableFuture<EmbeddedDatabase> database;

        private Starting(int port, Path pgData, CompletableFuture<EmbeddedDatabase> database) {
            this.port = port;
            this.pgData = pgData;
            this.database = database;
        }

        /** The URL for the application: waits for the server on each new connection while it is starting. */
        public String jdbcUrl() {
            return database.isDone() && !database.isCompletedExceptionally() ? EmbeddedDatabase.jdbcUrl(port)
                    : EmbeddedDatabase.jdbcUrl(port) + "?socketFactory=" + StartingServerSocketFactory.class.getName();
        }

        /** True when an already running server was adopted (nothing is started by this process). */
        public boolean adopted() {
            return database.isDone() && !database.isCompletedExceptionally() && !database.join().owned();
        }

        /**
         * Stops the server, waiting for a start in progress first: a server this process started (or is
         * starting), or, with {@code evenAdopted}, an adopted one. Never throws.
         */
        public void stop(boolean evenAdopted) {
            try {
                EmbeddedDatabase db = database.get(120, TimeUnit.SECONDS);
                if (db.owned() || evenAdopted) {
                    db.stop();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // no server was started, or the JVM is going away: a server left running is adopted next time
            }
        }

        Path pgData() {
            return pgData;
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    public int port() {
        return port;
    }

    /** True when this process started the server (and stops it on close). */
    public boolean owned() {
        return owned != null;
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }

    /**
     * Stops the server, whether this process started it or adopted it: a started one through its handle, an adopted
     * one with SIGINT to its postmaster (PostgreSQL's fast shutdown). Never throws.
     */
    public void stop() {
        try {
            if (owned != null) {
                owned.close();
                return;
            }
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            long pid = Long.parseLong(lines.get(0).trim());
            // SIGINT is PostgreSQL's fast shutdown: it ends open sessions instead of waiting for them
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
            ProcessHandle.of(pid).ifPresent(postmaster -> postmaster.onExit()
                    .completeOnTimeout(postmaster, 15, java.util.concurrent.TimeUnit.SECONDS).join());
        } catch (IOException | RuntimeException e) {
            // the JVM is going away: a server left running is adopted by the next start
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

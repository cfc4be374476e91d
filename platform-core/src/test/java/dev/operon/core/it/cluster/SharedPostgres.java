package dev.operon.core.it.cluster;

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

/**
 * The one PostgreSQL a test cluster shares: an embedded server (zonky, real PostgreSQL binaries) on a fixed port and
 * data folder, so that it can be stopped and started again where the nodes expect it, with its data.
 */
final class SharedPostgres implements AutoCloseable {

    static final String USER = "postgres";

    private final Path folder;
    private final int port;
    private EmbeddedPostgres server;

    SharedPostgres(Path folder) throws IOException {
        this.folder = folder;
        this.port = freePort();
    }

    /** Starts the server (initialising the data folder the first time only). */
    synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        Files.createDirectories(folder.resolve("pgdata"));
        Files.createDirectories(folder.resolve("binaries"));
        server = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(folder.resolve("pgdata"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(folder.resolve("binaries").toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "400")
                .setServerConfig("listen_addresses", "localhost")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(folder.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(folder.resolve("postgres.log").toFile()))
                .start();
    }

    /** Stops the server (pg_ctl stop, fast mode): open connections are cut, committed data stays. */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    synchronized boolean running() {
        return server != null;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

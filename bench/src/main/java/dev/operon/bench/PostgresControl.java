package dev.operon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL of one data folder, driven from outside the platform with its own {@code pg_ctl}: to find
 * it running, to start it for an "adopted" start, and to stop it when the platform could not. As root, commands run
 * under {@code unshare -U}, as the platform itself does, because PostgreSQL refuses to run as root.
 */
final class PostgresControl {

    /** The server settings the platform's launcher gives the embedded server (zonky's defaults and Operon's). */
    private static final String SERVER_OPTIONS = "-F -c synchronous_commit=off -c max_connections=300"
            + " -c timezone=UTC -c listen_addresses=localhost";

    private final Path dataDir;

    PostgresControl(Path dataDir) {
        this.dataDir = dataDir;
    }

    Path pgData() {
        return dataDir.resolve("postgres");
    }

    /** The port the server on this folder listens on, from its postmaster.pid (fourth line). */
    int port() throws IOException {
        List<String> lines = Files.readAllLines(pgData().resolve("postmaster.pid"));
        return Integer.parseInt(lines.get(3).trim());
    }

    /** The postmaster's pid when one is alive on this folder. */
    Optional<Long> postmasterPid() {
        Path pidFile = pgData().resolve("postmaster.pid");
        try {
            if (!Files.isReadable(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Waits up to {@code limit} for the server to be gone; true when it is. */
    boolean awaitStopped(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (postmasterPid().isPresent()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Starts the server on {@code port} with the platform's settings and waits until it accepts connections. */
    void start(int port) throws IOException, InterruptedException {
        run(List.of("-D", pgData().toString(), "-w", "-t", "60", "-l", dataDir.resolve("pg-bench.log").toString(),
                "-o", "-p " + port + " " + SERVER_OPTIONS, "start"));
    }

    /** {@code pg_ctl stop -m fast} when a server is alive on the folder. */
    void stopIfRunning() throws IOException, InterruptedException {
        if (postmasterPid().isPresent()) {
            run(List.of("-D", pgData().toString(), "-m", "fast", "-w", "-t", "60", "stop"));
        }
    }

    private void run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(pgCtl().toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("pg_ctl did not finish in 90 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IOException("pg_ctl exited with " + process.exitValue() + ": " + command);
        }
    }

    private Path pgCtl() throws IOException {
        try (Stream<Path> versions = Files.list(dataDir.resolve("pg-binaries"))) {
            return versions.map(dir -> dir.resolve("bin/pg_ctl")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IOException("no pg_ctl under " + dataDir.resolve("pg-binaries")));
        }
    }
}

package dev.operon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Where a benchmark runs: the repository (for {@code ./operon}), its results folder and a temporary data folder. */
record Workspace(Path repo, Path results) {

    private static final Set<Path> DATA_DIRS = ConcurrentHashMap.newKeySet();

    Path log(String name) throws IOException {
        Path logs = results.resolve("logs");
        Files.createDirectories(logs);
        return logs.resolve(name + ".log");
    }

    /** A new, empty OPERON_DATA_DIR. */
    Path newDataDir(String benchmark) throws IOException {
        Path dir = Files.createTempDirectory("operon-bench-" + benchmark + "-");
        DATA_DIRS.add(dir);
        return dir;
    }

    /**
     * For the harness's shutdown hook and time limit: stops any PostgreSQL still running on a data folder this run
     * made (an adopted one, or one a killed platform left), then deletes the folders unless {@code keep}.
     */
    static void cleanUp(boolean keep) {
        for (Path dir : Set.copyOf(DATA_DIRS)) {
            try {
                new PostgresControl(dir).stopIfRunning();
                if (!keep) {
                    delete(dir);
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("bench: could not clean up " + dir + ": " + e.getMessage());
            }
        }
    }

    /** Deletes a data folder (after its PostgreSQL has stopped). */
    static void delete(Path dir) throws IOException {
        DATA_DIRS.remove(dir);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

package dev.operon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where a benchmark runs: the repository (for {@code ./operon}), its results folder and a temporary data folder. */
record Workspace(Path repo, Path results) {

    Path log(String name) throws IOException {
        Path logs = results.resolve("logs");
        Files.createDirectories(logs);
        return logs.resolve(name + ".log");
    }

    /** A new, empty OPERON_DATA_DIR. */
    Path newDataDir(String benchmark) throws IOException {
        return Files.createTempDirectory("operon-bench-" + benchmark + "-");
    }

    /** Deletes a data folder (after its PostgreSQL has stopped). */
    static void delete(Path dir) throws IOException {
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

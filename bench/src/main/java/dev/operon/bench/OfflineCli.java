package dev.operon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs {@code ./operon <plugin> <command> ...} as an outside caller would, on a data folder that must stay unused. */
final class OfflineCli {

    private OfflineCli() {
    }

    /**
     * Runs the command with {@code OPERON_DATA_DIR=dataDir}, output to {@code log}; fails when the command made the
     * data folder (an offline command must not start the database).
     */
    static int run(List<String> command, Path dataDir, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("OPERON_DATA_DIR", dataDir.toString());
        builder.environment().remove("OPERON_DB_URL");
        int exit = builder.start().waitFor();
        if (Files.exists(dataDir)) {
            throw new IllegalStateException("the offline command created the data folder " + dataDir);
        }
        return exit;
    }
}

package dev.operon.core.cli;

import dev.operon.core.config.DataDir;
import dev.operon.core.demo.DemoFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * {@code operon demo remove}: deletes the demo workspace's folder (its database and everything else). Runs before
 * the platform boots, so it never opens the real workspace's database; refused while a demo server runs on it.
 */
@Leaf
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Delete the demo workspace (<data-dir>/demo, its database included). The real workspace is"
                + " not touched. Stop the demo server first.")
public class DemoRemoveCommand {

    /** Exit code: 0 removed, 3 no demo workspace, 4 a demo server runs on it, 5 it could not be deleted. */
    public int remove(Path dataDir, PrintStream out, PrintStream err) {
        Path demo = DemoFolder.of(dataDir);
        if (!Files.isDirectory(demo)) {
            err.println("operon: no demo workspace at " + demo);
            return 3;
        }
        if (DemoFolder.inUse(demo)) {
            err.println("operon: a demo server is running on " + demo + "; stop it first (Ctrl-C in its terminal)");
            return 4;
        }
        try {
            DemoFolder.delete(demo);
        } catch (IOException e) {
            err.println("operon: could not delete " + demo + ": " + e.getMessage());
            return 5;
        }
        out.println("removed the demo workspace " + demo);
        return 0;
    }

    int remove(PrintStream out, PrintStream err) {
        return remove(DataDir.resolve(), out, err);
    }
}

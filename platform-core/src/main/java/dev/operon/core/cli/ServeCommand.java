package dev.operon.core.cli;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code operon serve}: runs the HTTP API, the scheduler and the workers until stopped. */
@Leaf
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the platform: HTTP API, scheduler and task workers, until stopped (Ctrl-C).")
public class ServeCommand implements Callable<Integer> {

    /** Read by the launcher before the platform boots (it chooses the data folder); here only for help and parsing. */
    @Option(names = "--demo", description = "Run a demo workspace instead: its own data folder (<data-dir>/demo) and"
            + " database, seeded with a synthetic shop on first start, a banner on every page. Remove it with"
            + " 'operon demo remove'.")
    boolean demo;

    /** Whether a command line asks for the server (the launcher and the application take a short path then). */
    static boolean isServe(String[] args) {
        return args.length > 0 && "serve".equals(args[0]);
    }

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}

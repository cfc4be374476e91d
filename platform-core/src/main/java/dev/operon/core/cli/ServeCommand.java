package dev.operon.core.cli;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code operon serve}: runs the HTTP API, the scheduler and the workers until stopped. */
@Leaf
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the platform: HTTP API, scheduler and task workers, until stopped (Ctrl-C).")
public class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}

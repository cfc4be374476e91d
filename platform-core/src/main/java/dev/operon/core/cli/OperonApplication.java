package dev.operon.core.cli;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs the parsed command inside the booted application, with CDI beans injected into the commands. */
public class OperonApplication implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        if (ServeCommand.isServe(args)) {
            return new ServeCommand().call(); // parsed by the launcher already; no command tree to build
        }
        CommandLine cli = new CommandLine(OperonCommand.class, factory);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("operon: " + CliErrors.describe(e));
            return CliErrors.exitCode(e);
        });
        // a command is like an API request: it gets a request context for its whole duration
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            return cli.execute(args);
        } finally {
            requestContext.terminate();
        }
    }
}

package dev.operon.core.cli;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs the parsed command inside the booted application, with CDI beans injected into the commands. */
public class OperonApplication implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        CommandLine cli = new CommandLine(OperonCommand.class, factory);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("operon: " + CliErrors.describe(e));
            return CliErrors.exitCode(e);
        });
        return cli.execute(args);
    }
}

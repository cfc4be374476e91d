package dev.operon.core.cli;

import dev.operon.core.ingest.CreatedSource;
import dev.operon.core.ingest.NewSource;
import dev.operon.core.ingest.SourceService;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code operon sources create}: the write key goes alone to standard output, everything else to standard error. */
@Leaf
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create an event source; its write key is printed once, alone on standard output.",
        footer = {"", "Only the key goes to standard output (KEY=$(operon sources create ...) works); it cannot be",
                "shown again. Segment libraries send it as their write key (HTTP Basic user name)."})
public class SourceCreateCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, description = "What sends the events, for example 'web shop'.")
    String name;

    @Spec
    CommandSpec spec;

    @Inject
    SourceService sources;

    @Override
    public Integer call() {
        CreatedSource created = sources.create(new NewSource(name), CliActor.current(), null);
        spec.commandLine().getErr().printf("Created source %d '%s' (key %s).%n", created.id(), created.name(),
                created.keyHint());
        spec.commandLine().getErr().println("Store the write key now: it is shown only this once.");
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().println(created.writeKey());
        spec.commandLine().getOut().flush();
        return 0;
    }
}

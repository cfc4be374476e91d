package dev.operon.core.cli;

import dev.operon.core.ingest.SourceService;
import dev.operon.core.ingest.SourceView;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code operon sources disable NAME}. */
@Leaf
@Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Disable a source: its write key is refused from then on (its events stay).")
public class SourceDisableCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SOURCE", description = "The source's name or id.")
    String source;

    @Spec
    CommandSpec spec;

    @Inject
    SourceService sources;

    @Override
    public Integer call() {
        SourceView disabled = sources.disable(source, CliActor.current(), null);
        spec.commandLine().getErr().printf("Source %d '%s' is disabled.%n", disabled.id(), disabled.name());
        return 0;
    }
}

package dev.operon.core.cli;

import dev.operon.core.privacy.ErasureReport;
import dev.operon.core.privacy.PrivacyService;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code operon privacy erase --id X}: erases one end user everywhere; exit 1 when a part failed. */
@Leaf
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = "Erase everything stored about one end user (core and plugins). Audited with hashed ids.",
        footer = {"", "Prints the erasure report as JSON. Exit 0 when every part completed, 1 when a part failed",
                "(run the same command again, or 'privacy retry', to retry it)."})
public class PrivacyEraseCommand implements Callable<Integer> {

    @Option(names = "--id", required = true, description = "The person's user id or anonymous id.")
    String id;

    @Spec
    CommandSpec spec;

    @Inject
    PrivacyService privacy;

    @Override
    public Integer call() {
        ErasureReport report = privacy.erase(id, CliActor.current());
        spec.commandLine().getOut().println(Json.pretty(report));
        return "completed".equals(report.status()) ? 0 : CliErrors.FAILED;
    }
}

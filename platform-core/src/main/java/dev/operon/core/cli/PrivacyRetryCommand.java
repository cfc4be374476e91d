package dev.operon.core.cli;

import dev.operon.core.privacy.ErasureReport;
import dev.operon.core.privacy.PrivacyService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code operon privacy retry}: retries every erasure that failed part-way. */
@Leaf
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Retry every erasure that failed part-way; exit 1 when one still fails.")
public class PrivacyRetryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    PrivacyService privacy;

    @Override
    public Integer call() {
        List<ErasureReport> reports = privacy.retryPending(CliActor.current());
        spec.commandLine().getOut().println(Json.pretty(reports));
        return reports.stream().allMatch(r -> "completed".equals(r.status())) ? 0 : CliErrors.FAILED;
    }
}

package dev.operon.core.cli;

import dev.operon.core.audit.AuditVerification;
import dev.operon.core.audit.AuditVerifier;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code operon audit verify}: checks the hash chain; exit 0 when intact, 1 naming the first bad record. */
@Leaf
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the audit log's hash chain: every record's hash, every link, and the head.",
                "Prints one line; exits 0 when intact, 1 naming the first edited, deleted or reordered record."})
public class AuditVerifyCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "SEQ",
            description = "Check only from this record on, trusting the ones before it (an incremental check).")
    Long from;

    @Option(names = "--hash", paramLabel = "HASH",
            description = "With --from: the hash that record had at an earlier check (its head hash then);"
                    + " a record rewritten since is reported.")
    String hash;

    @Spec
    CommandSpec spec;

    @Inject
    AuditVerifier verifier;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (hash != null && from == null) {
            spec.commandLine().getErr().println("operon: --hash needs --from");
            return CliErrors.USAGE;
        }
        if (hash != null && !hash.matches("[0-9a-f]{64}")) {
            spec.commandLine().getErr().println("operon: --hash must be 64 lowercase hex digits");
            return CliErrors.USAGE;
        }
        AuditVerification result = verifier.verify(from == null ? 1 : from, hash);
        if (result.intact()) {
            out.println("audit log intact: " + result.recordsChecked() + " records, head seq " + result.headSeq());
            out.flush();
            return 0;
        }
        out.println("audit log BROKEN at seq " + result.firstBadSeq() + ": " + result.reason());
        out.flush();
        return CliErrors.FAILED;
    }
}

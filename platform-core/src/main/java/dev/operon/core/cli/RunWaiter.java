package dev.operon.core.cli;

import dev.operon.core.runs.LogLine;
import dev.operon.core.runs.RunService;
import dev.operon.core.runs.RunView;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --wait}: follow a run's log until it ends, then print its final state. */
final class RunWaiter {

    @Option(names = "--wait", description = "Follow the run's log until it ends; exit 0 only if it succeeded.")
    boolean wait;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Give up waiting after this many seconds (default ${DEFAULT-VALUE}).")
    long waitTimeoutSeconds;

    boolean waiting() {
        return wait;
    }

    RunView await(long runId, RunService runs, CommandSpec spec) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(waitTimeoutSeconds));
        int seq = 0;
        while (true) {
            for (LogLine line : runs.logs(runId, seq, 1000)) {
                err.println(line.at() + " " + line.level() + " " + line.message());
                seq = line.seq();
            }
            err.flush();
            RunView run = runs.get(runId);
            if (!"queued".equals(run.state()) && !"running".equals(run.state())) {
                for (LogLine line : runs.logs(runId, seq, 1000)) {
                    err.println(line.at() + " " + line.level() + " " + line.message());
                }
                out.println("run " + runId + " " + run.state() + (run.error() == null ? "" : ": " + run.error()));
                out.flush();
                return run;
            }
            if (Instant.now().isAfter(giveUp)) {
                out.println("run " + runId + " still " + run.state() + " after " + waitTimeoutSeconds + " s");
                out.flush();
                return run;
            }
            Thread.sleep(300);
        }
    }
}

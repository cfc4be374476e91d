package dev.operon.core.cli;

import dev.operon.core.runs.LogLine;
import dev.operon.core.runs.RunService;
import dev.operon.core.runs.RunView;
import java.util.List;
import java.util.concurrent.Callable;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code operon run ...}: runs. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs: show, logs, cancel.",
        subcommands = {RunCommands.Show.class, RunCommands.Logs.class, RunCommands.Cancel.class})
public class RunCommands {

    @Leaf
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run with its state history (JSON).")
    static class Show implements Callable<Integer> {

        @Inject
        RunService runs;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RUN", description = "Run id.")
        long runId;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(Json.pretty(runs.get(runId)));
            return 0;
        }
    }

    @Leaf
    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a run's log, a page at a time.")
    static class Logs implements Callable<Integer> {

        @Inject
        RunService runs;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RUN", description = "Run id.")
        long runId;

        @Option(names = "--after", paramLabel = "SEQ", defaultValue = "0",
                description = "Start after this line number (default: from the start).")
        int after;

        @Option(names = "--limit", defaultValue = "1000", description = "At most this many lines (default 1000).")
        int limit;

        @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the run ends.")
        boolean follow;

        @Override
        public Integer call() throws InterruptedException {
            var out = spec.commandLine().getOut();
            int seq = after;
            while (true) {
                List<LogLine> lines = runs.logs(runId, seq, Math.max(1, Math.min(limit, 1000)));
                for (LogLine line : lines) {
                    out.println(line.seq() + " " + line.at() + " " + line.level() + " " + line.message());
                    seq = line.seq();
                }
                out.flush();
                if (!follow) {
                    return 0;
                }
                RunView run = runs.get(runId);
                if (lines.isEmpty() && !"queued".equals(run.state()) && !"running".equals(run.state())) {
                    return 0;
                }
                Thread.sleep(300);
            }
        }
    }

    @Leaf
    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a run: at once when queued, cooperatively then forced when running.")
    static class Cancel implements Callable<Integer> {

        @Inject
        RunService runs;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RUN", description = "Run id.")
        long runId;

        @Mixin
        RunWaiter waiter;

        @Override
        public Integer call() throws InterruptedException {
            RunView run = runs.cancel(runId, CliActor.current());
            if (waiter.waiting()) {
                run = waiter.await(runId, runs, spec);
            } else {
                spec.commandLine().getOut().println("run " + runId + " " + run.state()
                        + ("running".equals(run.state()) ? " (cancel requested)" : ""));
            }
            return 0;
        }
    }
}

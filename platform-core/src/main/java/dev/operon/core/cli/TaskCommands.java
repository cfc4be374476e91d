package dev.operon.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.db.Jdbc;
import dev.operon.core.runs.Run;
import dev.operon.core.runs.RunService;
import dev.operon.core.runs.RunView;
import dev.operon.core.tasks.TaskParams;
import dev.operon.core.tasks.TaskService;
import dev.operon.core.tasks.TaskView;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code operon task ...}: task definitions. */
@Command(name = "task", mixinStandardHelpOptions = true, description = "Task definitions: list, show, run.",
        subcommands = {TaskCommands.ListTasks.class, TaskCommands.Show.class, TaskCommands.RunTask.class})
public class TaskCommands {

    @Leaf
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List task definitions.")
    static class ListTasks implements Callable<Integer> {

        @Inject
        TaskService tasks;

        @Spec
        CommandSpec spec;

        @Option(names = "--type", description = "Only tasks of this type.")
        String type;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            List<TaskView> all = tasks.list(type, null, 0, 500);
            if (json) {
                spec.commandLine().getOut().println(Json.pretty(all));
                return 0;
            }
            Table table = new Table("ID", "NAME", "TYPE", "SCHEDULE", "ENABLED", "NEXT FIRE");
            for (TaskView task : all) {
                table.row(task.id(), task.name(), task.type(), describe(task), task.enabled(),
                        task.nextFireTimes().isEmpty() ? null : task.nextFireTimes().get(0));
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }

    static String describe(TaskView task) {
        var s = task.schedule();
        return switch (s.kind()) {
            case "cron" -> "cron '" + s.cron() + "' " + s.timeZone();
            case "interval" -> "every " + s.everySeconds() + " s";
            case "once" -> "once at " + s.at();
            default -> "manual";
        };
    }

    @Leaf
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one task definition as JSON.")
    static class Show implements Callable<Integer> {

        @Inject
        TaskService tasks;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TASK", description = "Task name or id.")
        String task;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(Json.pretty(tasks.get(task)));
            return 0;
        }
    }

    @Leaf
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a task now (a running platform node executes it); prints the run id.")
    static class RunTask implements Callable<Integer> {

        @Inject
        TaskService tasks;

        @Inject
        TaskParams params;

        @Inject
        Jdbc jdbc;

        @Inject
        RunService runs;

        @Inject
        ObjectMapper mapper;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TASK", description = "Task name or id.")
        String task;

        @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
                description = "Override one parameter (VALUE is parsed as JSON when it can be, else a string).")
        Map<String, String> overrides;

        @Option(names = "--params", paramLabel = "JSON", description = "Override parameters with a JSON object.")
        String paramsJson;

        @Mixin
        RunWaiter waiter;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode merged = mapper.createObjectNode();
            if (paramsJson != null) {
                JsonNode given = params.parse(paramsJson);
                if (!given.isObject()) {
                    throw ApiException.invalid("params", "must be a JSON object");
                }
                merged.setAll((ObjectNode) given);
            }
            if (overrides != null) {
                overrides.forEach((name, value) -> merged.set(name, parseValue(value)));
            }
            boolean nodeAlive = jdbc.count("select count(*) from node where heartbeat_at > now() - interval '30 seconds'")
                    > 0;
            Run run = tasks.trigger(task, merged, CliActor.current());
            if (!nodeAlive) {
                spec.commandLine().getErr().println("note: no platform node is running; run " + run.id()
                        + " starts when one is (./operon serve)");
                if (waiter.waiting()) {
                    return CliErrors.PLATFORM;
                }
            }
            if (!waiter.waiting()) {
                spec.commandLine().getOut().println(run.id());
                return 0;
            }
            RunView done = waiter.await(run.id(), runs, spec);
            return "succeeded".equals(done.state()) ? 0 : CliErrors.FAILED;
        }

        private JsonNode parseValue(String value) {
            try {
                return mapper.readTree(value);
            } catch (Exception e) {
                return mapper.getNodeFactory().textNode(value);
            }
        }
    }
}

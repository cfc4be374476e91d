package dev.operon.core.cli;

import static dev.operon.core.testing.Api.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The task and run commands, run through picocli inside the booted application as the launcher does. */
@QuarkusTest
@TestSecurity(user = "cli-tester", roles = {"admin", "operator", "viewer"})
class TaskCliTest {

    @Inject
    CommandLine.IFactory factory;

    record Result(int exit, String out, String err) {
    }

    Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(OperonCommand.class, factory);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        command.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("operon: " + CliErrors.describe(e));
            return CliErrors.exitCode(e);
        });
        int exit = command.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    String newTask(Map<String, Object> params) {
        String name = "cli-" + UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "core.sleep");
        body.put("params", params);
        createTask(body);
        return name;
    }

    @Test
    void listShowAndRunWithWait() {
        String name = newTask(Map.of("seconds", 30));
        Result list = cli("task", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("NAME", name, "core.sleep", "manual");
        Result show = cli("task", "show", name);
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("\"name\" : \"" + name + "\"");

        Result run = cli("task", "run", name, "--param", "seconds=0.2", "--wait");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("run \\d+ succeeded");
        assertThat(run.err()).contains("sleeping 0.2 s");
        long runId = Long.parseLong(run.out().replaceAll("(?s).*run (\\d+) succeeded.*", "$1"));

        Result shown = cli("run", "show", Long.toString(runId));
        assertThat(shown.out()).contains("\"state\" : \"succeeded\"", "\"requestedBy\" : \"cli:");
        Result logs = cli("run", "logs", Long.toString(runId));
        assertThat(logs.exit()).isZero();
        assertThat(logs.out()).contains("info sleeping 0.2 s");
    }

    @Test
    void runPrintsTheIdAndCancelStopsIt() {
        String name = newTask(Map.of("seconds", 60));
        Result run = cli("task", "run", name);
        assertThat(run.exit()).isZero();
        String runId = run.out().strip();
        assertThat(runId).matches("\\d+");
        Result cancel = cli("run", "cancel", runId, "--wait", "--wait-timeout", "20");
        assertThat(cancel.exit()).isZero();
        assertThat(cancel.out()).contains("run " + runId + " cancelled");
    }

    @Test
    void errorsAreReadableWithScriptSafeExitCodes() {
        Result missing = cli("task", "show", "no-such-task");
        assertThat(missing.exit()).isEqualTo(CliErrors.NOT_FOUND);
        assertThat(missing.err()).contains("operon: no task 'no-such-task'");
        Result badParams = cli("task", "run", newTask(Map.of("seconds", 1)), "--params", "{not json");
        assertThat(badParams.exit()).isEqualTo(CliErrors.USAGE);
        assertThat(badParams.err()).contains("not valid JSON");
        Result wrongValue = cli("task", "run", newTask(Map.of("seconds", 1)), "--param", "seconds=-3");
        assertThat(wrongValue.exit()).isEqualTo(CliErrors.USAGE);
        assertThat(wrongValue.err()).contains("params.seconds");
        Result noRun = cli("run", "show", "99999999");
        assertThat(noRun.exit()).isEqualTo(CliErrors.NOT_FOUND);
    }
}

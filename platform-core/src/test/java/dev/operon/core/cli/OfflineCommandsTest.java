package dev.operon.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.task.TaskType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatch of {@code operon <plugin-id> <command>} without Quarkus: plugins found on the classpath (the built-in
 * behaviour plugin), help, unknown commands, exit codes, and a command that throws.
 */
class OfflineCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private OfflineCommands classpath() {
        return new OfflineCommands(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsTheBuiltInPluginsCommandFoundOnTheClasspath() throws Exception {
        Path summary = dir.resolve("s.csv");
        StringBuilder csv = new StringBuilder("id,frequency,recency,T\n");
        for (int i = 0; i < 60; i++) {
            int x = i % 4;
            csv.append(i).append(',').append(x).append(',').append(x == 0 ? 0 : 5 + i % 20).append(",30\n");
        }
        Files.writeString(summary, csv);
        int exit = classpath().dispatch(new String[] {"behaviour", "clv", "--summary", summary.toString(),
            "--output", dir.resolve("o.csv").toString(), "--params-output", dir.resolve("p.json").toString()});
        assertThat(exit).as(err()).isZero();
        assertThat(Files.readString(dir.resolve("p.json"))).contains("\"alpha\"");
        assertThat(Files.readAllLines(dir.resolve("o.csv"))).hasSize(61);
    }

    @Test
    void helpListsCommandsAndUsage() {
        OfflineCommands commands = classpath();
        assertThat(commands.helpLines()).anyMatch(l -> l.contains("behaviour churn"))
                .anyMatch(l -> l.contains("behaviour clv"));
        assertThat(commands.dispatch(new String[] {"behaviour", "--help"})).isZero();
        assertThat(out()).contains("churn").contains("clv");
        assertThat(commands.dispatch(new String[] {"behaviour", "churn", "--help"})).isZero();
        assertThat(out()).contains("--train T.csv").contains("--label COL");
    }

    @Test
    void mistakesExitWith2AndOtherWordsAreLeftToTheCoreCommands() {
        OfflineCommands commands = classpath();
        assertThat(commands.dispatch(new String[] {"behaviour"})).isEqualTo(2);
        assertThat(commands.dispatch(new String[] {"behaviour", "nope"})).isEqualTo(2);
        assertThat(err()).contains("plugin 'behaviour' has no command 'nope'").contains("[churn, clv]");
        assertThat(commands.dispatch(new String[] {"behaviour", "clv", "--output"})).isEqualTo(2);
        assertThat(commands.dispatch(new String[] {"no-such-plugin", "x"})).isEqualTo(-1);
        assertThat(commands.dispatch(new String[] {"--help"})).isEqualTo(-1);
        assertThat(commands.dispatch(new String[] {})).isEqualTo(-1);
    }

    @Test
    void aCommandThatThrowsExitsWith5AndOneLine() {
        OfflineCommand broken = new OfflineCommand() {
            public String name() {
                return "boom";
            }

            public String description() {
                return "throws";
            }

            public String usage() {
                return "Usage: boom";
            }

            public int run(List<String> args, PrintStream o, PrintStream e) {
                throw new IllegalStateException("kaput");
            }
        };
        OperonPlugin plugin = new OperonPlugin() {
            public PluginInfo info() {
                return new PluginInfo("test-offline", "Test", "1.0", "[1.1,2.0)", "");
            }

            public List<TaskType<?, ?>> tasks() {
                return List.of();
            }
        };
        OfflineCommands commands = new OfflineCommands(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("test-offline",
                new OfflineCommands.Found(plugin, getClass().getClassLoader(), List.of(broken))));
        assertThat(commands.dispatch(new String[] {"test-offline", "boom"})).isEqualTo(5);
        assertThat(err()).contains("operon test-offline boom: unexpected error: IllegalStateException: kaput")
                .doesNotContain("\tat ");
    }
}

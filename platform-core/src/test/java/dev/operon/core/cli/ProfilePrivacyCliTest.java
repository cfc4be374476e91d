package dev.operon.core.cli;

import static dev.operon.core.profiles.EventRows.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.db.Jdbc;
import dev.operon.core.profiles.EventRows;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code operon profiles update|show} and {@code operon privacy export|erase}, run as the launcher runs them. */
@QuarkusTest
class ProfilePrivacyCliTest {

    @Inject
    CommandLine.IFactory factory;

    @Inject
    Jdbc jdbc;

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
        return new Result(command.execute(args), out.toString(), err.toString());
    }

    @Test
    void updateShowExportAndErase() throws Exception {
        String user = unique("cli-user");
        new EventRows(jdbc).identify(user, null, Instant.now().minus(1, ChronoUnit.DAYS), "{\"plan\": \"pro\"}",
                null);
        Result update = cli("profiles", "update");
        assertThat(update.exit()).as(update.err()).isZero();
        assertThat(update.out()).contains("\"featuresComputed\"");

        Result show = cli("profiles", "show", user);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("\"userId\" : \"" + user + "\"", "\"plan\" : \"pro\"");
        assertThat(cli("profiles", "show", unique("nobody")).exit()).isEqualTo(CliErrors.NOT_FOUND);

        Path file = Files.createTempFile("export", ".json");
        Result export = cli("privacy", "export", "--id", user, "--output", file.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(file)).contains(user, "\"traitHistory\"", "\"events\"");
        assertThat(cli("privacy", "export", "--id", unique("nobody")).exit()).isEqualTo(CliErrors.NOT_FOUND);

        Result erase = cli("privacy", "erase", "--id", user);
        assertThat(erase.exit()).as(erase.out() + erase.err()).isZero();
        assertThat(erase.out()).contains("\"status\" : \"completed\"").doesNotContain(user);
        assertThat(cli("profiles", "show", user).exit()).isEqualTo(CliErrors.NOT_FOUND);
        assertThat(cli("privacy", "erase", "--id", user).exit()).as("a second erasure succeeds").isZero();
        Files.deleteIfExists(file);
    }
}

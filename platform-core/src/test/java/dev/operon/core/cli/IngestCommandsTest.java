package dev.operon.core.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sources create|list|disable} and {@code events stats|import}, run as the launcher runs them. */
@QuarkusTest
class IngestCommandsTest {

    @Inject
    CommandLine.IFactory factory;

    @Inject
    AgroalDataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    private record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(OperonCommand.class, factory);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("operon: " + CliErrors.describe(e));
            return CliErrors.exitCode(e);
        });
        return new Result(cli.execute(args), out.toString(), err.toString());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private long count(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void track(String key, Map<String, Object> body) {
        given().auth().preemptive().basic(key, "").contentType(ContentType.JSON).body(body).post("/v1/track")
                .then().statusCode(200);
    }

    @Test
    void sourcesCreatePrintsTheKeyAloneOnTheLastLineThenListAndDisable() throws SQLException {
        String name = unique("cli-src");
        Result created = run("sources", "create", "--name", name);
        assertThat(created.exitCode()).as(created.err()).isZero();
        String key = created.outLines().get(created.outLines().size() - 1);
        assertThat(key).matches("owk_[0-9a-f]{40}");
        assertThat(created.out().strip()).isEqualTo(key);
        track(key, Map.of("userId", unique("u"), "event", "From CLI source"));

        Result listed = run("sources", "list");
        assertThat(listed.exitCode()).isZero();
        String row = listed.outLines().stream().filter(l -> l.contains(name)).findFirst().orElseThrow();
        assertThat(row).contains(key.substring(0, 10)).doesNotContain(key);
        assertThat(count("select count(*) from audit_record where action = 'source.create' and actor_type = 'cli'"
                + " and after like ?", "%" + name + "%")).isEqualTo(1);

        assertThat(run("sources", "disable", name).exitCode()).isZero();
        given().auth().preemptive().basic(key, "").contentType(ContentType.JSON)
                .body(Map.of("userId", "x", "event", "Refused")).post("/v1/track").then().statusCode(401);
        assertThat(run("sources", "disable", unique("missing")).exitCode()).isEqualTo(CliErrors.NOT_FOUND);
        assertThat(run("sources", "create", "--name", name).exitCode()).isEqualTo(CliErrors.CONFLICT);
    }

    @Test
    void eventsStatsPrintsOneJsonLineThatCountsEventsAndPeople() throws Exception {
        Result before = run("events", "stats");
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.outLines()).hasSize(1);
        JsonNode start = json.readTree(before.out());
        assertThat(start.get("events").asLong()).isEqualTo(count("select count(*) from event"));

        String key = run("sources", "create", "--name", unique("stats")).out().strip();
        String user = unique("u");
        String anonymousThenKnown = unique("a");
        String anonymousOnly = unique("a");
        track(key, Map.of("anonymousId", anonymousThenKnown, "event", "Visit"));
        track(key, Map.of("anonymousId", anonymousThenKnown, "userId", user, "event", "Sign Up"));
        track(key, Map.of("userId", user, "event", "Order"));
        track(key, Map.of("anonymousId", anonymousOnly, "event", "Visit"));

        Result after = run("events", "stats");
        assertThat(after.outLines()).hasSize(1);
        JsonNode end = json.readTree(after.out());
        assertThat(end.get("events").asLong() - start.get("events").asLong()).isEqualTo(4);
        // the user and the anonymous visitor who never signed in: two people
        assertThat(end.get("users").asLong() - start.get("users").asLong()).isEqualTo(2);
    }

    @Test
    void eventsImportShowsProgressOnStderrAndASummaryLineOnStdout() throws Exception {
        String user = unique("u");
        StringBuilder csv = new StringBuilder("type,event,userId,timestamp,properties.price,messageId\n");
        for (int i = 0; i < 4500; i++) {
            csv.append("track,Viewed,").append(user).append(",2025-0").append(i % 9 + 1).append("-02T03:04:05Z,")
                    .append(i).append(',').append(user).append('-').append(i).append('\n');
        }
        csv.append("track,,").append(user).append(",2025-01-01T00:00:00Z,1,\n");
        Path file = Files.createTempFile("operon-import", ".csv");
        try {
            Files.writeString(file, csv);
            Result result = run("events", "import", file.toString());
            assertThat(result.exitCode()).as(result.err()).isEqualTo(CliErrors.FAILED);
            assertThat(result.err()).contains("100%").contains("events/s");
            assertThat(result.outLines()).hasSize(1);
            JsonNode summary = json.readTree(result.out());
            assertThat(summary.get("imported").asLong()).isEqualTo(4500);
            assertThat(summary.get("rejected").asLong()).isEqualTo(1);
            assertThat(summary.get("errors").get(0).get("line").asLong()).isEqualTo(4502);
            assertThat(count("select count(*) from event where user_id = ?", user)).isEqualTo(4500);

            Result again = run("events", "import", file.toString(), "--format", "csv");
            assertThat(json.readTree(again.out()).get("duplicates").asLong()).isEqualTo(4500);
            assertThat(count("select count(*) from event where user_id = ?", user)).isEqualTo(4500);
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(run("events", "import", "/nonexistent/file.csv").exitCode()).isEqualTo(CliErrors.USAGE);
    }

    @Test
    void eventsImportReadsAGzippedFileAndRefusesOneThatIsNot() throws Exception {
        String user = unique("gz");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            lines.append("{\"type\":\"track\",\"event\":\"Viewed\",\"userId\":\"").append(user)
                    .append("\",\"timestamp\":\"2025-03-02T03:04:05Z\",\"messageId\":\"").append(user).append('-')
                    .append(i).append("\"}\n");
        }
        Path file = Files.createTempFile("operon-import", ".jsonl.gz");
        Path notGzip = Files.createTempFile("operon-import", ".csv.gz");
        try {
            try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            Result result = run("events", "import", file.toString());
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(json.readTree(result.out()).get("imported").asLong()).isEqualTo(300);
            assertThat(result.err()).contains("100%");
            assertThat(count("select count(*) from event where user_id = ?", user)).isEqualTo(300);

            Files.writeString(notGzip, "type,event,userId\ntrack,Viewed," + user + "\n");
            Result refused = run("events", "import", notGzip.toString());
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("is named .gz but is not gzip data");
            assertThat(count("select count(*) from event where user_id = ?", user)).isEqualTo(300);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(notGzip);
        }
    }
}

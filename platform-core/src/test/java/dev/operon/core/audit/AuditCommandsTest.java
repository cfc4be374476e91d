package dev.operon.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.cli.AuditCommands;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code operon audit verify} and {@code operon audit export}, run through picocli inside the booted application. */
@QuarkusTest
class AuditCommandsTest {

    /** CliErrors.FAILED: the check ran and found the log broken. */
    private static final int FAILED = 1;

    @Inject
    CommandLine.IFactory factory;

    @Inject
    AuditService audit;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Test
    void verifyPrintsOneLineAndExitsZeroOnAnIntactLog() {
        long head = audit.record(AuditEvent.success(Actor.cli("tester"), "cli.test", null));

        Run run = run("verify");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("audit log intact: " + head + " records, head seq " + head, run.out().strip());
    }

    @Test
    void verifyFromASeqChecksOnlyTheRest() {
        long head = audit.record(AuditEvent.success(Actor.cli("tester"), "cli.test", null));

        Run run = run("verify", "--from", Long.toString(head - 1));

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("audit log intact: 2 records, head seq " + head, run.out().strip());
    }

    @Test
    void verifyNamesTheEditedRecordAndExitsOne() throws SQLException {
        audit.record(AuditEvent.success(Actor.cli("tester"), "cli.test", "victim"));
        long victim = audit.record(AuditEvent.success(Actor.cli("tester"), "cli.test", "victim"));
        audit.record(AuditEvent.success(Actor.cli("tester"), "cli.test", "victim"));
        Run run;
        // Tampers with the real log (the command reads it through its own connection), restoring it in any case.
        try {
            sql("alter table audit_record disable trigger audit_record_append_only");
            sql("update audit_record set target = 'edited' where seq = " + victim);
            run = run("verify");
        } finally {
            sql("update audit_record set target = 'victim' where seq = " + victim);
            sql("alter table audit_record enable trigger audit_record_append_only");
        }

        assertEquals(FAILED, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("audit log BROKEN at seq " + victim + ": record " + victim + " was edited"),
                run.out());
        assertEquals(1, run.out().strip().lines().count(), "one line");
        assertEquals(0, run("verify").exitCode(), "restored");
    }

    @Test
    void exportWritesJsonLinesToStdout() throws Exception {
        String action = "clitest" + UUID.randomUUID().toString().substring(0, 8).replace("-", "") + ".ran";
        for (int i = 0; i < 5; i++) {
            audit.record(AuditEvent.success(Actor.cli("tester"), action, "n:" + i));
        }

        Run run = run("export", "--action", action);

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(count(action), lines.size());
        assertEquals(5, lines.size());
        for (String line : lines) {
            JsonNode record = mapper.readTree(line);
            assertEquals(action, record.get("action").asText());
            assertEquals(64, record.get("hash").asText().length());
        }
    }

    @Test
    void exportWritesAFileWithATimeWindow(@TempDir Path folder) throws Exception {
        String action = "clifile" + UUID.randomUUID().toString().substring(0, 8) + ".ran";
        audit.record(AuditEvent.success(Actor.cli("tester"), action, "early"));
        Thread.sleep(20);
        String from = java.time.Instant.now().toString();
        Thread.sleep(20);
        audit.record(AuditEvent.success(Actor.cli("tester"), action, "late-1"));
        audit.record(AuditEvent.success(Actor.cli("tester"), action, "late-2"));
        Path file = folder.resolve("audit.jsonl");

        Run run = run("export", "--output", file.toString(), "--from", from, "--action", action + "*");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out(), "nothing on stdout when writing a file");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(List.of("late-1", "late-2"),
                lines.stream().map(l -> read(l).get("target").asText()).toList());
        assertTrue(run.err().contains("exported 2 audit records"), run.err());
        assertTrue(Files.notExists(folder.resolve("audit.jsonl.partial")));
    }

    @Test
    void exportRejectsABadTime() {
        Run run = run("export", "--from", "yesterday");

        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("from"), run.err());
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(AuditCommands.class, factory);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }

    private JsonNode read(String line) {
        try {
            return mapper.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private long count(String action) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from audit_record where action = ?")) {
            select.setString(1, action);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}

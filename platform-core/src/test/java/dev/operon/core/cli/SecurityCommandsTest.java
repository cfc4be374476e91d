package dev.operon.core.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The security commands run as the launcher runs them: inside the application, with its error handling. */
@QuarkusTest
class SecurityCommandsTest {

    private static final String PASSWORD_FOR_CLI = "typed-into-stdin-42";

    @Inject
    CommandLine.IFactory factory;

    @Inject
    AgroalDataSource dataSource;

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
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void keysCreatePrintsTheKeyAloneOnTheLastLineAndItWorks() throws SQLException {
        String name = unique("cli");
        Result created = run("keys", "create", "--name", name, "--scope", "read", "--scope", "ingest");
        assertEquals(0, created.exitCode(), created.err());
        List<String> lines = created.outLines();
        String key = lines.get(lines.size() - 1);
        assertTrue(key.matches("opk_[0-9a-f]{12}_[0-9a-f]{64}"), key);
        given().header("Authorization", "Bearer " + key).get("/api/v1/me").then().statusCode(200);

        String keyId = key.split("_")[1];
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select actor_type, actor_id from audit_record where target = ? and action = 'api-key.create'")) {
            q.setString(1, "api-key:" + keyId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals("cli", rs.getString(1));
                assertEquals(System.getProperty("user.name"), rs.getString(2));
            }
        }

        Result listed = run("keys", "list");
        assertEquals(0, listed.exitCode());
        assertTrue(listed.outLines().get(0).startsWith("KEY ID"), listed.out());
        String row = listed.outLines().stream().filter(l -> l.startsWith(keyId)).findFirst().orElseThrow();
        assertTrue(row.contains(name) && row.contains("ingest,read"), row);
        assertTrue(!listed.out().contains(key.split("_")[2]), "the secret is never listed");

        Result revoked = run("keys", "revoke", keyId);
        assertEquals(0, revoked.exitCode(), revoked.err());
        given().header("Authorization", "Bearer " + key).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void errorsAreReadableWithScriptSafeExitCodes() {
        Result unknownKey = run("keys", "revoke", "ffffffffffff");
        assertEquals(CliErrors.NOT_FOUND, unknownKey.exitCode());
        assertTrue(unknownKey.err().contains("no API key with id 'ffffffffffff'"), unknownKey.err());

        Result badScope = run("keys", "create", "--name", "x", "--scope", "root");
        assertEquals(CliErrors.USAGE, badScope.exitCode());
        assertTrue(badScope.err().contains("unknown scope 'root'"), badScope.err());
        assertEquals("", badScope.out());
    }

    @Test
    void operatorCreateGeneratesAndPrintsAPassword() {
        String username = unique("cli-op");
        Result created = run("operator", "create", "--username", username, "--role", "viewer");
        assertEquals(0, created.exitCode(), created.err());
        List<String> lines = created.outLines();
        String password = lines.get(lines.size() - 1);
        assertTrue(password.length() >= 12, password);
        given().auth().preemptive().basic(username, password).get("/api/v1/me").then().statusCode(200);

        Result duplicate = run("operator", "create", "--username", username, "--role", "viewer");
        assertEquals(CliErrors.CONFLICT, duplicate.exitCode());
    }

    @Test
    void operatorCreateReadsThePasswordFromStandardInput() {
        String username = unique("cli-op");
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream((PASSWORD_FOR_CLI + "\n").getBytes(StandardCharsets.UTF_8)));
            Result created = run("operator", "create", "--username", username, "--role", "operator",
                    "--password-stdin");
            assertEquals(0, created.exitCode(), created.err());
            assertTrue(!created.out().contains(PASSWORD_FOR_CLI), "a given password is not echoed");

            System.setIn(new ByteArrayInputStream("too-short\n".getBytes(StandardCharsets.UTF_8)));
            Result weak = run("operator", "create", "--username", unique("cli-op"), "--role", "viewer",
                    "--password-stdin");
            assertEquals(CliErrors.USAGE, weak.exitCode());
            assertTrue(weak.err().contains("password: must be at least 12 characters"), weak.err());
        } finally {
            System.setIn(original);
        }
        given().auth().preemptive().basic(username, PASSWORD_FOR_CLI).get("/api/v1/me").then().statusCode(200);
    }
}

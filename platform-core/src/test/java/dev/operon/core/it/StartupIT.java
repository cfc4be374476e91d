package dev.operon.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The packaged application as an operator meets it: data that survives a restart, a CLI that uses the running
 * server's database, and one clear line (no stack trace) for a port or folder that cannot be used.
 */
class StartupIT {

    @Test
    void dataSurvivesARestartAndTheCliUsesTheServersDatabase() throws Exception {
        Path dataDir = Files.createTempDirectory("operon-startup-it").resolve("data");
        try (PlatformProcess platform = new PlatformProcess(dataDir)) {
            platform.start();
            assertThat(platform.post("/api/v1/tasks", "{\"name\":\"survivor\",\"type\":\"core.noop\"}")
                    .statusCode()).isEqualTo(201);
            PlatformProcess.Result list = platform.command("task", "list");
            assertThat(list.exit()).as(list.output()).isZero();
            assertThat(list.output()).contains("survivor");
            PlatformProcess.Result key = platform.command("keys", "create", "--name", "it", "--scope", "read");
            assertThat(key.exit()).as(key.output()).isZero();
            String[] lines = key.output().strip().split("\n");
            String secret = lines[lines.length - 1].strip();
            assertThat(secret).startsWith("opk_");
            platform.close();
            assertThat(platform.command("audit", "verify").exit()).isZero();

            platform.start();
            assertThat(platform.get("/api/v1/tasks/survivor").statusCode()).isEqualTo(200);
            PlatformProcess.Result verify = platform.command("audit", "verify");
            assertThat(verify.exit()).as(verify.output()).isZero();
            assertThat(verify.output()).contains("audit log intact");
        }
    }

    @Test
    void aPortInUseIsOneClearLine() throws Exception {
        Path dataDir = Files.createTempDirectory("operon-port-it").resolve("data");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            PlatformProcess platform = new PlatformProcess(dataDir, taken.getLocalPort());
            PlatformProcess.Result result = platform.command("serve");
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.output().strip()).startsWith("operon: cannot listen on")
                    .contains(Integer.toString(taken.getLocalPort())).doesNotContain("\tat ");
            assertThat(result.output().strip().lines().count()).isEqualTo(1);
        }
    }

    @Test
    void anUnusableDataFolderIsOneClearLine() throws Exception {
        Path file = Files.createTempFile("operon-not-a-folder", ".txt");
        PlatformProcess platform = new PlatformProcess(file.resolve("data"));
        PlatformProcess.Result result = platform.command("task", "list");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output().strip()).startsWith("operon: cannot create data folder")
                .contains("OPERON_DATA_DIR").doesNotContain("\tat ");
        assertThat(result.output().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void usageErrorsNeverBootAnything() throws Exception {
        Path dataDir = Files.createTempDirectory("operon-usage-it").resolve("data");
        PlatformProcess platform = new PlatformProcess(dataDir);
        PlatformProcess.Result unknown = platform.command("tsak", "list");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("operon: Unmatched argument").contains("--help");
        PlatformProcess.Result help = platform.command("task", "run", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("--wait");
        assertThat(Files.exists(dataDir)).as("no data folder is made for usage errors or help").isFalse();
    }
}

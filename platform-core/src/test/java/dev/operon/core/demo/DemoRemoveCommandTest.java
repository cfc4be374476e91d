package dev.operon.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code operon demo remove}: deletes only {@code <data-dir>/demo}, never the real workspace beside it. */
class DemoRemoveCommandTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int remove() {
        return new dev.operon.core.cli.DemoRemoveCommand().remove(dataDir, new PrintStream(out), new PrintStream(err));
    }

    @Test
    void removesTheDemoFolderAndLeavesTheRealWorkspace() throws IOException {
        Path real = Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(real.resolve("PG_VERSION"), "17");
        Path demo = Files.createDirectories(DemoFolder.of(dataDir).resolve("postgres/base"));
        Files.writeString(demo.resolve("1"), "demo data");
        assertThat(remove()).isZero();
        assertThat(DemoFolder.of(dataDir)).doesNotExist();
        assertThat(real.resolve("PG_VERSION")).hasContent("17");
        assertThat(out.toString()).contains("removed the demo workspace");
    }

    @Test
    void saysSoWhenThereIsNoDemo() {
        assertThat(remove()).isEqualTo(3);
        assertThat(err.toString()).contains("no demo workspace");
    }

    @Test
    void refusesWhileADemoServerRunsOnIt() throws IOException {
        Path pgData = Files.createDirectories(DemoFolder.of(dataDir).resolve("postgres"));
        // this JVM's pid stands for a live postmaster
        Files.writeString(pgData.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + pgData + "\n");
        assertThat(remove()).isEqualTo(4);
        assertThat(DemoFolder.of(dataDir)).exists();
    }
}

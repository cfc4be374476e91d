package dev.operon.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsTest {

    @TempDir
    Path dir;

    @Test
    void theSameFilesGiveTheSameArtifactAndComeBackWhole() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("line-0000.params"), "weights");
        Files.createDirectories(model.resolve("sub"));
        Files.writeString(model.resolve("sub/classes.txt"), "a\nb");
        Artifacts.Zipped first = Artifacts.zip(model, dir.resolve("a.zip"));
        model.resolve("line-0000.params").toFile().setLastModified(0);
        Artifacts.Zipped second = Artifacts.zip(model, dir.resolve("b.zip"));
        assertThat(first.sha256()).isEqualTo(second.sha256()).hasSize(64);
        assertThat(first.bytes()).isEqualTo(Files.size(dir.resolve("a.zip")));
        assertThat(Artifacts.sha256(dir.resolve("a.zip"))).isEqualTo(first.sha256());

        Path restored = Files.createDirectories(dir.resolve("restored"));
        Artifacts.unzip(first.file(), restored);
        assertThat(Files.readString(restored.resolve("line-0000.params"))).isEqualTo("weights");
        assertThat(Files.readString(restored.resolve("sub/classes.txt"))).isEqualTo("a\nb");
    }

    @Test
    void anEmptyOrMissingFolderIsRefused() throws IOException {
        assertThatThrownBy(() -> Artifacts.zip(dir.resolve("missing"), dir.resolve("x.zip")))
                .hasMessageContaining("does not exist");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> Artifacts.zip(empty, dir.resolve("y.zip"))).hasMessageContaining("holds no files");
    }

    @Test
    void anEntryThatLeavesTheFolderIsRefused() throws IOException {
        Path zip = dir.resolve("evil.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("../outside.txt"));
            z.write(1);
            z.closeEntry();
        }
        Path target = Files.createDirectories(dir.resolve("target"));
        assertThatThrownBy(() -> Artifacts.unzip(zip, target)).hasMessageContaining("points outside its folder");
        assertThat(dir.resolve("outside.txt")).doesNotExist();
    }

    @Test
    void theDeviceIsAGpuOnlyForTheGpuRoleWithAGpu() {
        assertThat(ModelDevice.choose("api,worker", () -> 1)).isEqualTo(Device.cpu());
        assertThat(ModelDevice.choose("api, gpu", () -> 0)).isEqualTo(Device.cpu());
        assertThat(ModelDevice.choose("worker,gpu", () -> 2)).isEqualTo(Device.gpu());
    }
}

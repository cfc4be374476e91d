package dev.operon.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheWholeFileIntoANewFolderAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("out/scores.csv");
        OutputFile.write(target, writer -> writer.write("id,score\na,0.5\n"));
        assertEquals("id,score\na,0.5\n", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left beside the output");
        }
    }

    @Test
    void aFailureHalfWayLeavesTheOldFileAsItWas() throws IOException {
        Path target = dir.resolve("scores.csv");
        Files.writeString(target, "old\n");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> OutputFile.write(target,
                writer -> {
                    writer.write("half a file");
                    throw new IllegalStateException("bad row 7");
                }));
        assertEquals("bad row 7", failure.getMessage());
        assertEquals("old\n", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void theOutputGetsTheUmasksPermissionsNotOwnerOnly() throws IOException {
        Path target = dir.resolve("scores.csv");
        OutputFile.write(target, writer -> writer.write("x\n"));
        Path plain = Files.createFile(dir.resolve("plain.csv"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertTrue(expected.contains(PosixFilePermission.OWNER_WRITE));
    }
}

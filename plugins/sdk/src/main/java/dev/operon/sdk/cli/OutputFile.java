package dev.operon.sdk.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an offline command's output file whole or not at all: the content goes to a new file beside the target,
 * which is then moved over it in one step, so that a failure half way (bad input found late, a full disk) leaves the
 * old file, or none, never half a file. The output gets the permissions any new file gets (the umask), as the file a
 * plain write would have made; {@code Files.createTempFile} would have made it owner-only. Since SDK 1.9.
 */
public final class OutputFile {

    /** What goes into the file, written as UTF-8 text. */
    @FunctionalInterface
    public interface Content<E extends Exception> {
        void writeTo(BufferedWriter writer) throws IOException, E;
    }

    private OutputFile() {
    }

    /**
     * Writes {@code target} with {@code content}, creating its folder when needed. When {@code content} throws,
     * {@code target} is left as it was and the exception goes on.
     */
    public static <E extends Exception> void write(Path target, Content<E> content) throws IOException, E {
        Path temporary = temporaryBeside(target);
        try {
            try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                content.writeTo(writer);
            }
            moveOver(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A new, empty, hidden file in {@code target}'s folder (created when needed) to write {@code target} under, for
     * output written over a longer stretch than one call; finish with {@link #moveOver}, and delete it on failure.
     */
    public static Path temporaryBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path name = Path.of("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".part");
        return Files.createFile(parent == null ? name : parent.resolve(name));
    }

    /** Moves a file written under {@link #temporaryBeside} over its target in one step. */
    public static void moveOver(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

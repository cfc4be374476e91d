package dev.operon.core.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A jar in the plugins folder, identified by its path, size and modification time: a jar replaced in place is seen
 * as a new one by a rescan.
 */
record PluginJar(Path path, long size, Instant modified) {

    /** The jars directly in {@code folder}, sorted by name; none when the folder does not exist. */
    static List<PluginJar> in(Path folder) throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .map(PluginJar::of)
                    .toList();
        }
    }

    private static PluginJar of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new PluginJar(file.toAbsolutePath(), attributes.size(), attributes.lastModifiedTime().toInstant());
        } catch (IOException e) {
            return new PluginJar(file.toAbsolutePath(), -1, Instant.EPOCH);
        }
    }
}

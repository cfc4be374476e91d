package dev.operon.core.demo;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Where a demo workspace lives: {@code <data-dir>/demo}, a data folder of its own (embedded database, plugins), so
 * nothing of the demo is ever written to the real workspace's database.
 */
public final class DemoFolder {

    private DemoFolder() {
    }

    public static Path of(Path dataDir) {
        return dataDir.resolve("demo");
    }

    /** True while a PostgreSQL process runs on the demo folder (a demo server is up). */
    public static boolean inUse(Path demoDir) {
        Path pidFile = demoDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.isReadable(pidFile)) {
                return false;
            }
            List<String> lines = Files.readAllLines(pidFile);
            return !lines.isEmpty() && ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Deletes the folder and everything in it. */
    public static void delete(Path demoDir) throws IOException {
        Files.walkFileTree(demoDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

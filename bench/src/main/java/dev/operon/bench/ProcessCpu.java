package dev.operon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time a process has used so far, from {@code /proc/<pid>/stat} and its threads' {@code /proc/<pid>/task/*}:
 * unlike wall time, it hardly depends on what else the machine is doing, so it shows what a change saves even on a
 * busy machine. Assumes the usual 100 clock ticks per second.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** User plus system CPU seconds of the whole process, or -1. */
    static double seconds(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat")) / TICKS_PER_SECOND;
    }

    /** CPU seconds of the JVM's JIT compiler threads (C1 and C2), or -1. */
    static double jitSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            long total = 0;
            for (Path thread : threads.toList()) {
                String name = Files.readString(thread.resolve("comm")).trim();
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    total += Math.max(0, ticks(thread.resolve("stat")));
                }
            }
            return total / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticks(Path stat) {
        try {
            String text = Files.readString(stat);
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

package dev.operon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * CPU seconds of the platform's JVM: {@code pid} itself when it is the {@code java} process, else its first
     * {@code java} descendant (the launcher script runs java as a child while it records its class-data archive).
     * Only the JVM's own time: the embedded PostgreSQL it started is not included.
     */
    static double jvmSeconds(long pid) {
        return seconds(javaPid(pid));
    }

    static long javaPid(long pid) {
        if ("java".equals(comm(pid))) {
            return pid;
        }
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)
                .filter(child -> "java".equals(comm(child))).findFirst().orElse(pid);
    }

    /**
     * CPU seconds of a PostgreSQL server: the postmaster, its live backends and auxiliary processes, and the
     * backends that have exited (the postmaster's children time), so a connection that closed still counts.
     */
    static double postgresSeconds(long postmaster) {
        long total = Math.max(0, ticks(Path.of("/proc", Long.toString(postmaster), "stat"), true));
        List<Long> children = ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::children)
                .map(ProcessHandle::pid).toList();
        for (long child : children) {
            total += Math.max(0, ticks(Path.of("/proc", Long.toString(child), "stat"), true));
        }
        return total / TICKS_PER_SECOND;
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long ticks(Path stat) {
        return ticks(stat, false);
    }

    /** utime + stime, plus cutime + cstime (waited-for children) when {@code withChildren}. */
    private static long ticks(Path stat, boolean withChildren) {
        try {
            String text = Files.readString(stat);
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

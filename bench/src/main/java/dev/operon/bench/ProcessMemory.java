package dev.operon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resident memory of processes as Linux reports it: {@code VmRSS} from {@code /proc/<pid>/status}, and the
 * proportional set size ({@code Pss} from {@code smaps_rollup}), which splits shared pages (PostgreSQL's shared
 * buffers) between the processes that map them, so that a sum over a process tree is not inflated.
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** VmRSS of {@code pid} in KiB, or -1 when it cannot be read. */
    static long rssKib(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    /** Pss of {@code pid} in KiB, or -1 when it cannot be read. */
    static long pssKib(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }

    /** {@code root} and all its descendants. */
    static List<ProcessHandle> tree(long root) {
        List<ProcessHandle> all = new ArrayList<>();
        ProcessHandle.of(root).ifPresent(handle -> {
            all.add(handle);
            handle.descendants().forEach(all::add);
        });
        return all;
    }

    /** Sums over a process tree: how many processes, their VmRSS and their Pss, in KiB. */
    record TreeMemory(int processes, long rssKib, long pssKib) {
    }

    static TreeMemory ofTree(long root) {
        List<ProcessHandle> processes = tree(root);
        long rss = 0;
        long pss = 0;
        for (ProcessHandle process : processes) {
            rss += Math.max(0, rssKib(process.pid()));
            pss += Math.max(0, pssKib(process.pid()));
        }
        return new TreeMemory(processes.size(), rss, pss);
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

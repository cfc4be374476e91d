package dev.operon.bench.marketing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * CPU time used by the parts of a send: this JVM by thread group (threads are classified by name; a thread that ended
 * during the interval is not counted, hence the process total is reported as well) and the PostgreSQL server (the
 * postmaster and its backends, read from {@code /proc}; Linux only, 0 elsewhere).
 */
final class CpuMeter {

    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Function<String, String> group;
    private final long postmaster;

    /** A snapshot. */
    record Snapshot(long processNanos, Map<String, Long> groupNanos, long postgresNanos) {
    }

    CpuMeter(Function<String, String> group, DataSource postgres) throws Exception {
        this.group = group;
        this.postmaster = postmasterOf(postgres);
    }

    Snapshot now() {
        Map<String, Long> groups = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                groups.merge(group.apply(info.getThreadName()), cpu, Long::sum);
            }
        }
        return new Snapshot(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime(), groups, postgresNanos());
    }

    /** Where the CPU went between two snapshots, per message, as a readable line. */
    static String perMessage(Snapshot before, Snapshot after, long messages, long otherProcessNanos) {
        StringBuilder out = new StringBuilder();
        double n = Math.max(1, messages);
        out.append(String.format(java.util.Locale.ROOT, "CPU per message: this JVM %.3f ms (",
                (after.processNanos - before.processNanos) / n / 1e6));
        after.groupNanos.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            long d = e.getValue() - before.groupNanos.getOrDefault(e.getKey(), 0L);
            out.append(String.format(java.util.Locale.ROOT, "%s %.3f, ", e.getKey(), d / n / 1e6));
        });
        out.setLength(out.length() - 2);
        out.append(String.format(java.util.Locale.ROOT, "), PostgreSQL %.3f ms",
                (after.postgresNanos - before.postgresNanos) / n / 1e6));
        if (otherProcessNanos >= 0) {
            out.append(String.format(java.util.Locale.ROOT, ", SMTP sink process %.3f ms", otherProcessNanos / n / 1e6));
        }
        return out.toString();
    }

    private static long postmasterOf(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            long backend = r.getLong(1);
            String[] stat = stat(backend);
            return stat == null ? -1 : Long.parseLong(stat[3]);
        }
    }

    /** The postmaster's own and reaped children's time plus its live children's time. */
    private long postgresNanos() {
        if (postmaster < 0) {
            return 0;
        }
        String[] own = stat(postmaster);
        if (own == null) {
            return 0;
        }
        long ticks = Long.parseLong(own[13]) + Long.parseLong(own[14]) + Long.parseLong(own[15])
                + Long.parseLong(own[16]);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] s = stat(Long.parseLong(name));
                if (s != null && Long.parseLong(s[3]) == postmaster) {
                    ticks += Long.parseLong(s[13]) + Long.parseLong(s[14]);
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return (long) (ticks * TICK_NANOS);
    }

    /** The fields of /proc/pid/stat after the command name, shifted so that index i is field i+1 of proc(5). */
    private static String[] stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = text.lastIndexOf(')');
            String[] rest = text.substring(close + 2).trim().split(" ");
            String[] fields = new String[rest.length + 2];
            fields[0] = Long.toString(pid);
            fields[1] = text.substring(text.indexOf('(') + 1, close);
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return fields;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

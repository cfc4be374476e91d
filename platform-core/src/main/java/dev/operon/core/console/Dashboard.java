package dev.operon.core.console;

import dev.operon.core.db.Jdbc;
import dev.operon.core.runs.RunState;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the dashboard shows, read with a few aggregate queries. */
@ApplicationScoped
public class Dashboard {

    static final List<String> STATES = RunState.wires();

    @Inject
    Jdbc jdbc;

    /** Runs created since midnight UTC, by state (every state present, zero when none). */
    public Map<String, Long> runsToday() {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATES.forEach(s -> counts.put(s, 0L));
        jdbc.list("select state, count(*) from run where created_at >= date_trunc('day', now() at time zone 'UTC')"
                + " at time zone 'UTC' group by state", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                    return null;
                });
        return counts;
    }

    /** A task whose latest run in the last week failed or timed out. */
    @TemplateData
    public record FailingTask(long taskId, String name, String state, long runId, String error, Instant at) {
    }

    public List<FailingTask> failingTasks() {
        return jdbc.list("""
                select task_id, task_name, state, id, error, coalesce(finished_at, created_at) from (
                  select distinct on (task_id) task_id, task_name, state, id, error, finished_at, created_at
                  from run where task_id is not null and created_at > now() - interval '7 days'
                  order by task_id, id desc) latest
                where state in ('failed', 'timed-out') order by id desc limit 10""",
                rs -> new FailingTask(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()));
    }

    /** Runs per hour over the last 24 hours: x (epoch seconds), finished well, failed (one range scan by time). */
    public Series hourly() {
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS);
        Map<Long, long[]> byHour = new HashMap<>();
        jdbc.list("""
                select date_trunc('hour', created_at), count(*) filter (where state = 'succeeded'),
                       count(*) filter (where state in ('failed', 'timed-out')), count(*)
                from run where created_at >= ? group by 1""", rs -> {
                    byHour.put(rs.getTimestamp(1).toInstant().getEpochSecond(),
                            new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                    return null;
                }, first);
        List<Long> x = new ArrayList<>();
        List<Double> ok = new ArrayList<>();
        List<Double> bad = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            long hour = first.plus(h, ChronoUnit.HOURS).getEpochSecond();
            long[] counts = byHour.getOrDefault(hour, new long[3]);
            x.add(hour);
            ok.add((double) counts[0]);
            bad.add((double) counts[1]);
            all.add((double) counts[2]);
        }
        return new Series(x, all, ok, bad);
    }

    /** Hourly run counts for the sparklines. */
    public record Series(List<Long> x, List<Double> all, List<Double> succeeded, List<Double> failed) {
    }

    /** Platform health: nodes seen lately, tasks, scheduled tasks, audit records. */
    public Map<String, Long> health() {
        Map<String, Long> health = new LinkedHashMap<>();
        health.put("nodes", jdbc.count("select count(*) from node where heartbeat_at > now() - interval '1 minute'"));
        health.put("tasks", jdbc.count("select count(*) from task"));
        health.put("enabledTasks", jdbc.count("select count(*) from task where enabled and schedule_kind <> 'manual'"));
        health.put("auditRecords", jdbc.count("select coalesce(max(seq), 0) from audit_record"));
        return health;
    }

    /** True once any event was stored: until then the dashboard offers the demo workspace. */
    public boolean anyEvents() {
        return jdbc.one("select 1 from event limit 1", rs -> true).isPresent();
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

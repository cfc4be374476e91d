package dev.operon.core.runs;

import dev.operon.core.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * SQL for runs, their state history and logs. State changes are conditional updates (on the state and attempt the
 * caller saw), so that two nodes, a watchdog and a late-returning task can never both move one attempt.
 */
@ApplicationScoped
public class RunStore {

    @Inject
    Jdbc jdbc;

    /** Inserts a run; {@code node} non-null means it starts at once as attempt 1 on that node. */
    public long insert(NewRun run, RunState state, String node) {
        boolean running = state == RunState.RUNNING;
        return jdbc.insert("""
                insert into run (task_id, task_name, task_type, params, state, trigger, scheduled_for, requested_by,
                                 attempt, max_attempts, retry_backoff_seconds, timeout_seconds, concurrency, node_id,
                                 started_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, case when ? then now() end)""",
                run.taskId(), run.taskName(), run.taskType(), run.params(), state.wire(), run.trigger(),
                run.scheduledFor(), run.requestedBy(), running ? 1 : 0, run.maxAttempts(),
                run.retryBackoffSeconds(), run.timeoutSeconds(), run.concurrency(), running ? node : null, running);
    }

    /** Like {@link #insert}, but returns the stored run (one round trip instead of an insert and a read). */
    public Run insertReturning(NewRun run, RunState state, String node) {
        boolean running = state == RunState.RUNNING;
        return jdbc.one("""
                insert into run (task_id, task_name, task_type, params, state, trigger, scheduled_for, requested_by,
                                 attempt, max_attempts, retry_backoff_seconds, timeout_seconds, concurrency, node_id,
                                 started_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, case when ? then now() end)
                returning\s""" + Run.COLUMNS, Run::from,
                run.taskId(), run.taskName(), run.taskType(), run.params(), state.wire(), run.trigger(),
                run.scheduledFor(), run.requestedBy(), running ? 1 : 0, run.maxAttempts(),
                run.retryBackoffSeconds(), run.timeoutSeconds(), run.concurrency(), running ? node : null, running)
                .orElseThrow();
    }

    public Optional<Run> find(long id) {
        return jdbc.one("select " + Run.COLUMNS + " from run where id = ?", Run::from, id);
    }

    /** The run, row-locked until the transaction ends. */
    public Optional<Run> lock(long id) {
        return jdbc.one("select " + Run.COLUMNS + " from run where id = ? for update", Run::from, id);
    }

    public Optional<Run> findByFire(long taskId, Instant scheduledFor) {
        return jdbc.one("select " + Run.COLUMNS + " from run where task_id = ? and scheduled_for = ?", Run::from,
                taskId, scheduledFor);
    }

    public void history(long runId, RunState state, int attempt, String reason) {
        jdbc.update("insert into run_state_change (run_id, state, attempt, reason) values (?, ?, ?, ?)", runId,
                state.wire(), attempt, reason);
    }

    public List<StateChange> history(long runId) {
        return jdbc.list("select state, attempt, at, reason from run_state_change where run_id = ? order by id",
                rs -> new StateChange(rs.getString(1), rs.getInt(2), Run.instant(rs, "at"), rs.getString(4)),
                runId);
    }

    /** Queued to running as the next attempt on {@code node}; false when the run was not queued. */
    public boolean start(long id, String node) {
        return jdbc.update("""
                update run set state = 'running', attempt = attempt + 1, node_id = ?, started_at = now(),
                               next_attempt_at = null, progress_percent = null, progress_message = null
                where id = ? and state = 'queued'""", node, id) == 1;
    }

    /** Queued to running as the next attempt on {@code node}, returning the started run; empty when not queued. */
    public Optional<Run> startReturning(long id, String node) {
        return jdbc.one("""
                update run set state = 'running', attempt = attempt + 1, node_id = ?, started_at = now(),
                               next_attempt_at = null, progress_percent = null, progress_message = null
                where id = ? and state = 'queued'
                returning\s""" + Run.COLUMNS, Run::from, node, id);
    }

    /** Running to a terminal state; false when that attempt had already been ended elsewhere. */
    public boolean finish(long id, int attempt, RunState state, String output, String error) {
        return jdbc.update("""
                update run set state = ?, finished_at = now(), output = ?, error = ?,
                               progress_percent = case when ? then 100 else progress_percent end
                where id = ? and state = 'running' and attempt = ?""",
                state.wire(), output, error, state == RunState.SUCCEEDED, id, attempt) == 1;
    }

    /** Running back to queued for another attempt at {@code next}; {@code recovery} counts a lost node. */
    public boolean requeue(long id, int attempt, Instant next, String error, boolean recovery) {
        return jdbc.update("""
                update run set state = 'queued', next_attempt_at = ?, error = ?, node_id = null,
                               recoveries = recoveries + case when ? then 1 else 0 end
                where id = ? and state = 'running' and attempt = ?""", next, error, recovery, id, attempt) == 1;
    }

    /** A queued run ends as failed at once, without an attempt (it cannot be placed anywhere). */
    public boolean failQueued(long id, String error) {
        return jdbc.update("""
                update run set state = 'failed', finished_at = now(), error = ?, next_attempt_at = null
                where id = ? and state = 'queued'""", error, id) == 1;
    }

    /** Sets the progress message of a queued run; false when it is not queued or already says {@code message}. */
    public boolean noteQueued(long id, String message) {
        return jdbc.update("""
                update run set progress_message = ?
                where id = ? and state = 'queued' and progress_message is distinct from ?""", message, id,
                message) == 1;
    }

    /** A queued run ends as cancelled at once. */
    public boolean cancelQueued(long id, String by) {
        return jdbc.update("""
                update run set state = 'cancelled', finished_at = now(), cancel_requested_at = now(),
                               cancel_requested_by = ?, next_attempt_at = null
                where id = ? and state = 'queued'""", by, id) == 1;
    }

    /** Asks the node running the run to stop it. */
    public boolean requestCancel(long id, String by) {
        return jdbc.update("""
                update run set cancel_requested_at = coalesce(cancel_requested_at, now()),
                               cancel_requested_by = coalesce(cancel_requested_by, ?)
                where id = ? and state = 'running'""", by, id) == 1;
    }

    /** Which of {@code ids} an operator asked to cancel. */
    public List<Long> cancelRequested(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.list("select id from run where id = any(?) and state = 'running'"
                + " and cancel_requested_at is not null", rs -> rs.getLong(1), (Object) ids.toArray(Long[]::new));
    }

    public void progress(List<Object[]> idAttemptPercentMessage) {
        jdbc.batch("update run set progress_percent = ?, progress_message = ? where id = ? and attempt = ?"
                + " and state = 'running'", idAttemptPercentMessage.stream()
                .map(r -> new Object[] {r[2], r[3], r[0], r[1]}).toList());
    }

    public void appendLogs(List<Object[]> runSeqAtLevelMessage) {
        jdbc.batch("insert into run_log (run_id, seq, at, level, message) values (?, ?, ?, ?, ?)"
                + " on conflict do nothing", runSeqAtLevelMessage);
    }

    /** Stores series points; a repeated (series, step) keeps the latest value. */
    public void appendMetrics(List<Object[]> runSeriesStepValue) {
        jdbc.batch("insert into run_metric (run_id, series, step, value) values (?, ?, ?, ?)"
                + " on conflict (run_id, series, step) do update set value = excluded.value, at = now()",
                runSeriesStepValue);
    }

    /** A run's series, ordered by series then step. */
    public List<MetricPoint> metrics(long runId) {
        return jdbc.list("select series, step, value from run_metric where run_id = ? order by series, step",
                rs -> new MetricPoint(rs.getString(1), rs.getInt(2), rs.getDouble(3)), runId);
    }

    public int lastLogSeq(long runId) {
        return (int) jdbc.count("select coalesce(max(seq), 0) from run_log where run_id = ?", runId);
    }

    public List<LogLine> logs(long runId, int afterSeq, int limit) {
        return jdbc.list("select seq, at, level, message from run_log where run_id = ? and seq > ? order by seq"
                + " limit ?", rs -> new LogLine(rs.getInt(1), Run.instant(rs, "at"), rs.getString(3),
                rs.getString(4)), runId, afterSeq, limit);
    }

    public long activeCount(long taskId) {
        return jdbc.count("select count(*) from run where task_id = ? and state in ('queued', 'running')", taskId);
    }

    /** True when the task has a running run, or a queued one older than {@code runId}: then it must wait. */
    public boolean mustWait(long taskId, long runId) {
        return jdbc.count("""
                select count(*) from run where task_id = ? and id <> ?
                  and (state = 'running' or (state = 'queued' and id < ?))""", taskId, runId, runId) > 0;
    }

    public Optional<Run> oldestQueued(long taskId) {
        return jdbc.one("select " + Run.COLUMNS + " from run where task_id = ? and state = 'queued' order by id"
                + " limit 1", Run::from, taskId);
    }

    /** Running runs whose node has not sent a heartbeat for {@code silence}. */
    public List<Run> runningOnSilentNodes(Duration silence) {
        return jdbc.list("select " + Run.COLUMNS + " from run r where state = 'running' and not exists"
                + " (select 1 from node n where n.id = r.node_id and n.heartbeat_at > now() - ?::interval)"
                + " for update skip locked", Run::from, silence.toSeconds() + " seconds");
    }

    /** Queued runs that are due but have no trigger waiting for them (after a crash between commit and enqueue). */
    public List<Long> dueQueuedWithoutTrigger(Duration late) {
        return jdbc.list("""
                select id from run r where state = 'queued'
                  and coalesce(next_attempt_at, created_at) < now() - ?::interval
                  and not exists (select 1 from qrtz_job_details j where j.job_group = 'operon-runs'
                                  and j.job_name like 'run-' || r.id || '-%')
                  and not (r.concurrency = 'queue' and exists (select 1 from run o where o.task_id = r.task_id
                           and o.id <> r.id and (o.state = 'running' or (o.state = 'queued' and o.id < r.id))))
                order by id limit 100""", rs -> rs.getLong(1), late.toSeconds() + " seconds");
    }

    /** Runs newest first, filtered; {@code beforeId} pages backwards. */
    public List<Run> list(RunFilter filter) {
        StringBuilder sql = new StringBuilder("select " + Run.COLUMNS + " from run where true");
        List<Object> args = new ArrayList<>();
        if (filter.taskId() != null) {
            sql.append(" and task_id = ?");
            args.add(filter.taskId());
        }
        if (filter.state() != null) {
            sql.append(" and state = ?");
            args.add(filter.state().wire());
        }
        if (filter.type() != null) {
            sql.append(" and task_type = ?");
            args.add(filter.type());
        }
        if (filter.beforeId() != null) {
            sql.append(" and id < ?");
            args.add(filter.beforeId());
        }
        sql.append(" order by id desc limit ?");
        args.add(filter.limit());
        return jdbc.list(sql.toString(), Run::from, args.toArray());
    }

    public long countByState(RunState state) {
        return jdbc.count("select count(*) from run where state = ?", state.wire());
    }

    /** Deletes log lines of runs that finished before {@code cutoff}, at most {@code batch} at a time. */
    public int purgeLogs(Instant cutoff, int batch) {
        return jdbc.update("""
                delete from run_log where ctid = any(array(
                  select l.ctid from run_log l join run r on r.id = l.run_id
                  where r.finished_at < ? limit ?))""", cutoff, batch);
    }

    /** Deletes finished runs (with their history and logs) that ended before {@code cutoff}. */
    public int purgeRuns(Instant cutoff, int batch) {
        return jdbc.update("""
                delete from run where id = any(array(
                  select id from run where finished_at < ? and state in
                  ('succeeded', 'failed', 'cancelled', 'timed-out', 'skipped') limit ?))""", cutoff, batch);
    }
}

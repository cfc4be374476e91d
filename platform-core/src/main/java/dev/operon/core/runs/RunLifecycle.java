package dev.operon.core.runs;

import dev.operon.core.api.ApiException;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.cluster.ExecutionPool;
import dev.operon.core.cluster.Placement;
import dev.operon.core.db.Jdbc;
import dev.operon.core.scheduling.NodeIdentity;
import dev.operon.core.scheduling.TaskScheduler;
import dev.operon.core.tasks.TaskDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every state change of a run, each in one transaction with its history entry, its audit record and the Quartz
 * trigger that follows from it. The state machine: queued → running → succeeded | failed | cancelled | timed-out |
 * skipped; running → queued for a retry or after a lost node; queued → cancelled.
 */
@ApplicationScoped
public class RunLifecycle {

    private static final Logger LOG = Logger.getLogger(RunLifecycle.class);
    private static final long MAX_BACKOFF_SECONDS = 3600;

    @Inject
    RunStore runs;

    @Inject
    Jdbc jdbc;

    @Inject
    AuditService audit;

    @Inject
    TaskScheduler scheduler;

    @Inject
    NodeIdentity node;

    @Inject
    RunMetrics metrics;

    @Inject
    Placement placement;

    @ConfigProperty(name = "operon.core.tasks.max-recoveries", defaultValue = "3")
    int maxRecoveries;

    /** A definition's trigger fired: the run to execute on this node now, or null. */
    @Transactional
    public Run fire(long taskId, Instant scheduledFor, boolean recovering) {
        TaskDefinition task = TaskDefinition.findById(taskId, LockModeType.PESSIMISTIC_WRITE);
        if (task == null || !task.enabled) {
            return null;
        }
        var existing = runs.findByFire(taskId, scheduledFor);
        if (existing.isPresent()) {
            Run run = existing.get();
            if (run.state() == RunState.RUNNING && recovering && !node.id().equals(run.nodeId())) {
                requeueLost(run, "node " + run.nodeId() + " stopped during the attempt (recovered by Quartz)");
                return claimHereOrHandOver(runs.find(run.id()).orElseThrow());
            }
            return run.state() == RunState.QUEUED ? claimHereOrHandOver(run) : null;
        }
        long active = runs.activeCount(taskId);
        if (active > 0 && "skip".equals(task.concurrency)) {
            task.skippedFires++;
            task.lastSkippedAt = Instant.now();
            metrics.skipped();
            LOG.debugf("fire of task %d at %s skipped: a run is active", taskId, scheduledFor);
            return null;
        }
        NewRun request = new NewRun(task.id, task.name, task.type, task.params, "schedule", scheduledFor,
                Actor.SCHEDULER.toString(), task.maxRetries + 1, task.retryBackoffSeconds, task.timeoutSeconds,
                task.concurrency);
        if (active > 0 && "queue".equals(task.concurrency)) {
            long id = runs.insert(request, RunState.QUEUED, null);
            recordState(id, RunState.QUEUED, 0, "scheduled for " + scheduledFor + "; waits for the active run",
                    Actor.SCHEDULER);
            return null;
        }
        Placement.Decision placed = placement.decide(task.type);
        if (placed.fails() || !placement.runsHere(placed.pool())) {
            // this node fires but does not execute this type: the run goes to the pool whose nodes do (ADR 0013)
            long id = runs.insert(request, RunState.QUEUED, null);
            if (placed.fails()) {
                failUnplaceable(id, "scheduled for " + scheduledFor, placed.failure());
            } else {
                scheduler.enqueue(id, Instant.now(), placed.pool());
                recordState(id, RunState.QUEUED, 0, "scheduled for " + scheduledFor + "; placed on the "
                        + placed.pool().name().toLowerCase() + " pool", Actor.SCHEDULER);
            }
            return null;
        }
        Run run = runs.insertReturning(request, RunState.RUNNING, node.id());
        runs.history(run.id(), RunState.QUEUED, 0, "scheduled for " + scheduledFor);
        runs.history(run.id(), RunState.RUNNING, 1, "attempt 1 on " + node.id());
        recordState(run.id(), RunState.QUEUED, 0, "scheduled for " + scheduledFor, Actor.SCHEDULER, false);
        recordState(run.id(), RunState.RUNNING, 1, "attempt 1 on " + node.id(), Actor.SCHEDULER, false);
        metrics.startDelay(Duration.between(scheduledFor, run.startedAt()));
        return run;
    }

    /** Queues a run that someone asked for, and asks the cluster to start it (unless it must wait its turn). */
    @Transactional
    public Run request(NewRun request, Actor actor, Map<String, Object> auditDetails) {
        boolean waits = false;
        if (request.taskId() != null) {
            lockTask(request.taskId());
            long active = runs.activeCount(request.taskId());
            if (active > 0 && "skip".equals(request.concurrency())) {
                throw ApiException.conflict("task '" + request.taskName() + "' already has an active run and its"
                        + " concurrency policy is skip");
            }
            waits = active > 0 && "queue".equals(request.concurrency());
        }
        Run run = runs.insertReturning(request, RunState.QUEUED, null);
        long id = run.id();
        runs.history(id, RunState.QUEUED, 0, waits ? "requested; waits for the active run" : "requested");
        if (!waits) {
            scheduler.enqueue(id, Instant.now());
        }
        // the audit append locks the chain's head row until commit: it is the last statement (ADR 0002)
        audit.record(new AuditEvent(actor, "run.state", "run:" + id, AuditEvent.SUCCESS,
                dev.operon.core.api.RequestIds.current(), null, stateView(RunState.QUEUED, 0, "requested"),
                auditDetails));
        return run;
    }

    /** A queued run that cannot run anywhere fails at once, without an attempt. */
    private void failUnplaceable(long runId, String queuedReason, String why) {
        if (queuedReason != null) {
            runs.history(runId, RunState.QUEUED, 0, queuedReason);
        }
        if (runs.failQueued(runId, why)) {
            Run failed = runs.find(runId).orElseThrow();
            startNextInQueue(failed);
            recordState(runId, RunState.FAILED, failed.attempt(), why, Actor.SCHEDULER);
            metrics.finished(failed.taskType(), RunState.FAILED, Duration.ZERO);
        }
    }

    /**
     * A run this node was running when it shut down and that did not end within the drain timeout: back to queued
     * with a new trigger, not counted as a recovery. False when the attempt had already ended.
     */
    @Transactional
    public boolean handBack(Run attempt, String why) {
        if (!runs.requeue(attempt.id(), attempt.attempt(), Instant.now(), why, false)) {
            return false;
        }
        scheduler.enqueue(attempt.id(), Instant.now());
        recordState(attempt.id(), RunState.QUEUED, attempt.attempt(), why + "; handed back to the cluster",
                Actor.SYSTEM);
        return true;
    }

    /** Claims a queued run for its next attempt on this node; null when it is not queued, not due, or must wait. */
    @Transactional
    public Run claim(long runId) {
        Run run = runs.lock(runId).orElse(null);
        if (run == null || run.state() != RunState.QUEUED) {
            return null;
        }
        return claimHereOrHandOver(run);
    }

    /**
     * {@link #claimLocked}, unless the run cannot run anywhere (it fails at once) or belongs to a pool this node does
     * not run (a GPU node came or went since it was placed, or a job stored before ADR 0013): then it gets a job in
     * its pool and this node leaves it.
     */
    private Run claimHereOrHandOver(Run run) {
        Placement.Decision placed = placement.decide(run.taskType());
        if (placed.fails()) {
            failUnplaceable(run.id(), null, placed.failure());
            return null;
        }
        if (!placement.runsHere(placed.pool())) {
            Instant due = run.nextAttemptAt() != null && run.nextAttemptAt().isAfter(Instant.now())
                    ? run.nextAttemptAt() : Instant.now();
            scheduler.enqueue(run.id(), due, placed.pool());
            return null;
        }
        return claimLocked(run);
    }

    /** Starts {@code run} (as read in this transaction) as its next attempt here, unless it must wait. */
    private Run claimLocked(Run run) {
        long runId = run.id();
        if (run.nextAttemptAt() != null && run.nextAttemptAt().isAfter(Instant.now().plusSeconds(1))) {
            return null;
        }
        if ("queue".equals(run.concurrency()) && run.taskId() != null) {
            lockTask(run.taskId());
            if (runs.mustWait(run.taskId(), runId)) {
                return null;
            }
        }
        Run started = runs.startReturning(runId, node.id()).orElse(null);
        if (started == null) {
            return null;
        }
        recordState(runId, RunState.RUNNING, started.attempt(), "attempt " + started.attempt() + " on " + node.id(),
                Actor.SCHEDULER);
        Instant due = run.nextAttemptAt() != null ? run.nextAttemptAt() : run.createdAt();
        metrics.startDelay(Duration.between(due, started.startedAt()));
        return started;
    }

    /** Ends an attempt: a retry when it may help and attempts remain, else the terminal state. */
    @Transactional
    public void complete(Run attempt, Outcome outcome) {
        complete(attempt, outcome, null);
    }

    /**
     * Ends an attempt, and when it ends as succeeded runs {@code onSuccess} in the same transaction (the attempt's
     * model registrations): if that throws, nothing of the end is recorded and the exception propagates.
     */
    @Transactional
    public void complete(Run attempt, Outcome outcome, Runnable onSuccess) {
        boolean retry = outcome.retryable() && attempt.attempt() < attempt.maxAttempts();
        if (retry) {
            long backoff = backoffSeconds(attempt.retryBackoffSeconds(), attempt.attempt());
            Instant next = Instant.now().plusSeconds(backoff);
            if (runs.requeue(attempt.id(), attempt.attempt(), next, outcome.error(), false)) {
                scheduler.enqueue(attempt.id(), next);
                recordState(attempt.id(), RunState.QUEUED, attempt.attempt(), "attempt " + attempt.attempt()
                        + " " + outcome.state() + ": " + outcome.error() + "; attempt " + (attempt.attempt() + 1)
                        + " of " + attempt.maxAttempts() + " in " + backoff + " s", Actor.SCHEDULER);
            }
            return;
        }
        if (runs.finish(attempt.id(), attempt.attempt(), outcome.state(), outcome.output(), outcome.error())) {
            if (onSuccess != null && outcome.state() == RunState.SUCCEEDED) {
                onSuccess.run();
            }
            startNextInQueue(attempt);
            recordState(attempt.id(), outcome.state(), attempt.attempt(), outcome.error(), Actor.SCHEDULER);
            metrics.finished(attempt.taskType(), outcome.state(),
                    Duration.between(attempt.startedAt(), Instant.now()));
        }
    }

    /** Cancels a run: at once when queued, by asking its node when running. */
    @Transactional
    public Run cancel(long runId, Actor actor) {
        Run run = runs.lock(runId).orElseThrow(() -> ApiException.notFound("no run " + runId));
        if (run.state().terminal()) {
            throw ApiException.conflict("run " + runId + " has already ended (" + run.state() + ")");
        }
        if (run.state() == RunState.QUEUED) {
            runs.cancelQueued(runId, actor.toString());
            startNextInQueue(run);
            Run cancelled = runs.find(runId).orElseThrow();
            recordState(runId, RunState.CANCELLED, run.attempt(), "cancelled by " + actor, actor);
            return cancelled;
        }
        if (runs.requestCancel(runId, actor.toString())) {
            runs.history(runId, RunState.RUNNING, run.attempt(), "cancel requested by " + actor);
            Run asked = runs.find(runId).orElseThrow();
            audit.record(new AuditEvent(actor, "run.cancel", "run:" + runId, AuditEvent.SUCCESS,
                    dev.operon.core.api.RequestIds.current(), null, null, Map.of("attempt", run.attempt())));
            return asked;
        }
        return runs.find(runId).orElseThrow();
    }

    /** Runs whose node went silent: retried elsewhere (up to the recovery limit) or failed. */
    @Transactional
    public int sweepSilentNodes(Duration silence) {
        List<Run> lost = runs.runningOnSilentNodes(silence);
        for (Run run : lost) {
            requeueLost(run, "node " + run.nodeId() + " sent no heartbeat for " + silence.toSeconds() + " s");
        }
        return lost.size();
    }

    /** A run found running on a node that died: back to queued for another attempt, or failed. */
    @Transactional
    public void recoverLost(long runId, String why) {
        Run run = runs.lock(runId).orElse(null);
        if (run != null && run.state() == RunState.RUNNING && !node.id().equals(run.nodeId())) {
            requeueLost(run, why);
        }
    }

    private void requeueLost(Run run, String why) {
        if (run.recoveries() < maxRecoveries) {
            if (runs.requeue(run.id(), run.attempt(), Instant.now(), why, true)) {
                Placement.Decision placed = placement.decide(run.taskType());
                if (placed.fails()) {
                    // a GPU type whose last GPU node died, with fallback FAIL: it ends here, with the reason
                    recordState(run.id(), RunState.QUEUED, run.attempt(), why, Actor.SYSTEM);
                    failUnplaceable(run.id(), null, placed.failure());
                    return;
                }
                scheduler.enqueue(run.id(), Instant.now(), placed.pool());
                recordState(run.id(), RunState.QUEUED, run.attempt(), why + "; the attempt will be run again",
                        Actor.SYSTEM);
            }
        } else if (runs.finish(run.id(), run.attempt(), RunState.FAILED, null, why + "; gave up after "
                + maxRecoveries + " recoveries")) {
            startNextInQueue(run);
            recordState(run.id(), RunState.FAILED, run.attempt(), why, Actor.SYSTEM);
            metrics.finished(run.taskType(), RunState.FAILED, Duration.ZERO);
        }
    }

    /** What {@link #replaceStrandedGpuRun} did with a run. */
    public enum GpuReplacement {
        /** Nothing: the run is no longer queued, a GPU node is alive again, or another node re-placed it. */
        NONE,
        /** Fallback RUN_ON_CPU: its GPU job was replaced by a job in the worker pool. */
        MOVED_TO_CPU,
        /** Fallback FAIL: it failed with the reason. */
        FAILED,
        /** Fallback WAIT: it stays in the GPU pool, marked as waiting for a GPU node. */
        WAITING
    }

    /**
     * A queued run with a job in the GPU pool while no node with the {@code gpu} role is alive (ADR 0013, "GPU node
     * death"): Quartz recovers GPU pool jobs only among GPU pool members, so with none alive its type's
     * {@code GpuFallback} decides. Locks the run, so that nodes sweeping at the same time act once.
     */
    @Transactional
    public GpuReplacement replaceStrandedGpuRun(long runId) {
        Run run = runs.lock(runId).orElse(null);
        if (run == null || run.state() != RunState.QUEUED || placement.gpuNodeAlive()) {
            return GpuReplacement.NONE;
        }
        Placement.Decision placed = placement.decide(run.taskType());
        if (placed.pool() == ExecutionPool.GPU && !placed.fails()) {
            if (runs.noteQueued(runId, Placement.WAITING_FOR_GPU)) {
                recordState(runId, RunState.QUEUED, run.attempt(), Placement.WAITING_FOR_GPU, Actor.SYSTEM);
            }
            return GpuReplacement.WAITING;
        }
        if (scheduler.removeRunJobs(runId, ExecutionPool.GPU) == 0) {
            return GpuReplacement.NONE;
        }
        if (placed.fails()) {
            failUnplaceable(runId, null, placed.failure());
            return GpuReplacement.FAILED;
        }
        Instant due = run.nextAttemptAt() != null && run.nextAttemptAt().isAfter(Instant.now())
                ? run.nextAttemptAt() : Instant.now();
        scheduler.enqueue(runId, due, placed.pool());
        recordState(runId, RunState.QUEUED, run.attempt(), "no node with the gpu role is alive; handed to the "
                + placed.pool().name().toLowerCase(java.util.Locale.ROOT) + " pool (GPU fallback RUN_ON_CPU)",
                Actor.SYSTEM);
        return GpuReplacement.MOVED_TO_CPU;
    }

    @Transactional
    public void refreshStateCounts() {
        jdbc.list("select state, count(*) from run group by state", rs -> new Object[] {rs.getString(1),
                rs.getLong(2)}).forEach(row -> metrics.count(RunState.of((String) row[0]), (Long) row[1]));
    }

    private void startNextInQueue(Run ended) {
        if (!"queue".equals(ended.concurrency()) || ended.taskId() == null) {
            return;
        }
        runs.oldestQueued(ended.taskId()).ifPresent(next -> scheduler.enqueue(next.id(),
                next.nextAttemptAt() != null ? next.nextAttemptAt() : Instant.now()));
    }

    private void lockTask(long taskId) {
        jdbc.list("select id from task where id = ? for update", rs -> rs.getLong(1), taskId);
    }

    /**
     * Appends the history entry and the audit record of a state change. Call it after the other writes of the
     * transaction (Quartz triggers included): the audit append holds the chain's head-row lock until commit.
     */
    private void recordState(long runId, RunState state, int attempt, String reason, Actor actor) {
        recordState(runId, state, attempt, reason, actor, true);
    }

    /** As above; {@code withHistory} false when the caller already wrote the history entry. */
    private void recordState(long runId, RunState state, int attempt, String reason, Actor actor,
                             boolean withHistory) {
        if (withHistory) {
            runs.history(runId, state, attempt, reason);
        }
        audit.record(new AuditEvent(actor, "run.state", "run:" + runId, AuditEvent.SUCCESS,
                dev.operon.core.api.RequestIds.current(), null, stateView(state, attempt, reason), null));
    }

    private static Map<String, Object> stateView(RunState state, int attempt, String reason) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("state", state.wire());
        view.put("attempt", attempt);
        if (reason != null) {
            view.put("reason", reason);
        }
        return view;
    }

    /** {@code base * 2^(attempt-1)}, capped at an hour, plus up to 10% jitter so that retries spread out. */
    static long backoffSeconds(int base, int attempt) {
        long seconds = Math.min(MAX_BACKOFF_SECONDS, (long) base << Math.min(20, attempt - 1));
        long jitter = seconds >= 10 ? ThreadLocalRandom.current().nextLong(seconds / 10 + 1) : 0;
        return seconds + jitter;
    }
}

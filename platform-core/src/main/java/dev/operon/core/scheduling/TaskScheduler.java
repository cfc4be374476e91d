package dev.operon.core.scheduling;

import dev.operon.core.cluster.ExecutionPool;
import dev.operon.core.cluster.ExecutionPools;
import dev.operon.core.cluster.Placement;
import dev.operon.core.db.Jdbc;
import dev.operon.core.tasks.TaskDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * The task engine's use of Quartz: one durable-less job with one trigger per scheduled task definition (group
 * {@code operon-tasks}) in Quarkus's scheduler, which runs on scheduler nodes, and one one-shot job per run attempt
 * to start (group {@code operon-runs}) in the execution pool the run's placement names (ADR 0013). Both request
 * recovery, so a node that dies mid-job has its jobs re-run elsewhere. Calls join the caller's transaction
 * (JDBC store with container-managed transactions), so a definition and its trigger are saved together.
 */
@ApplicationScoped
public class TaskScheduler {

    public static final String TASK_GROUP = "operon-tasks";
    public static final String RUN_GROUP = "operon-runs";

    @Inject
    Scheduler quartz;

    @Inject
    ExecutionPools pools;

    @Inject
    Placement placement;

    @Inject
    Jdbc jdbc;

    /** Makes the trigger match the definition: replaced when enabled and scheduled, removed otherwise. */
    public void sync(TaskDefinition task, Instant now) {
        JobKey key = JobKey.jobKey("task-" + task.id, TASK_GROUP);
        try {
            if (!task.enabled || "manual".equals(task.scheduleKind)) {
                quartz.deleteJob(key);
                return;
            }
            if ("once".equals(task.scheduleKind) && task.runAt.isBefore(now) && "skip".equals(task.misfire)) {
                quartz.deleteJob(key);
                return;
            }
            JobDetail job = JobBuilder.newJob(ScheduleFireJob.class)
                    .withIdentity(key)
                    .usingJobData(ScheduleFireJob.TASK_ID, task.id.toString())
                    .requestRecovery(true)
                    .build();
            Trigger trigger = Schedules.trigger(task.schedule(), "task-" + task.id, TASK_GROUP, now);
            quartz.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule task " + task.id + ": " + e.getMessage(), e);
        }
    }

    public void unschedule(long taskId) {
        try {
            quartz.deleteJob(JobKey.jobKey("task-" + taskId, TASK_GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not unschedule task " + taskId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Asks the cluster to start an attempt of run {@code runId} at {@code at} (now when in the past), in the pool its
     * task type's placement names.
     */
    public void enqueue(long runId, Instant at) {
        String type = jdbc.list("select task_type from run where id = ?", rs -> rs.getString(1), runId).stream()
                .findFirst().orElse("");
        enqueue(runId, at, placement.decide(type).pool());
    }

    /** As above, in {@code pool}. */
    public void enqueue(long runId, Instant at, ExecutionPool pool) {
        JobDetail job = JobBuilder.newJob(RunJob.class)
                .withIdentity("run-" + runId + "-" + UUID.randomUUID(), RUN_GROUP)
                .usingJobData(RunJob.RUN_ID, Long.toString(runId))
                .requestRecovery(true)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(job.getKey().getName(), RUN_GROUP)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            pools.scheduler(pool).scheduleJob(job, trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not enqueue run " + runId + " in the " + pool + " pool: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Deletes the run jobs of run {@code runId} that wait in {@code pool} (with their triggers); returns how many it
     * deleted, 0 when another node got there first. Joins the caller's transaction.
     */
    public int removeRunJobs(long runId, ExecutionPool pool) {
        List<String> names = jdbc.list("select job_name from qrtz_job_details where sched_name = ? and job_group = ?"
                + " and job_name like ?", rs -> rs.getString(1), pool.schedulerName(), RUN_GROUP,
                "run-" + runId + "-%");
        int removed = 0;
        for (String name : names) {
            try {
                if (pools.scheduler(pool).deleteJob(JobKey.jobKey(name, RUN_GROUP))) {
                    removed++;
                }
            } catch (SchedulerException e) {
                throw new IllegalStateException("could not remove run " + runId + " from the " + pool + " pool: "
                        + e.getMessage(), e);
            }
        }
        return removed;
    }

    /** When the task's trigger fires next, if it has one. */
    public Instant nextFire(long taskId) {
        try {
            var triggers = quartz.getTriggersOfJob(JobKey.jobKey("task-" + taskId, TASK_GROUP));
            return triggers.stream().map(Trigger::getNextFireTime).filter(java.util.Objects::nonNull)
                    .map(Date::toInstant).min(Instant::compareTo).orElse(null);
        } catch (SchedulerException e) {
            return null;
        }
    }
}

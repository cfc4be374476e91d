package dev.operon.core.scheduling;

import dev.operon.core.runs.RunExecutor;
import jakarta.inject.Inject;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Fired by a task definition's trigger: creates the run for that fire time and runs it here. */
public class ScheduleFireJob implements Job {

    static final String TASK_ID = "taskId";

    @Inject
    RunExecutor executor;

    @Override
    public void execute(JobExecutionContext context) {
        long taskId = Long.parseLong(context.getMergedJobDataMap().getString(TASK_ID));
        executor.fire(taskId, context.getScheduledFireTime().toInstant(), context.getFireTime().toInstant(),
                context.isRecovering());
    }
}

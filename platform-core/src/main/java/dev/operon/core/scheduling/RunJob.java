package dev.operon.core.scheduling;

import dev.operon.core.runs.RunExecutor;
import jakarta.inject.Inject;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Starts the next attempt of one queued run (a manual run, a retry, the next in a queue, a recovered run). */
public class RunJob implements Job {

    static final String RUN_ID = "runId";

    @Inject
    RunExecutor executor;

    @Override
    public void execute(JobExecutionContext context) {
        executor.execute(Long.parseLong(context.getMergedJobDataMap().getString(RUN_ID)), context.isRecovering());
    }
}

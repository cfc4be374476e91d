package dev.operon.core.scheduling.diagnostics;

import jakarta.inject.Inject;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The bare job of the scheduler baseline: tells its probe that it ran, and nothing else. */
public class BaselineJob implements Job {

    static final String PROBE_ID = "probeId";

    @Inject
    SchedulerBaseline baseline;

    @Override
    public void execute(JobExecutionContext context) {
        baseline.jobRan(context.getMergedJobDataMap().getString(PROBE_ID));
    }
}

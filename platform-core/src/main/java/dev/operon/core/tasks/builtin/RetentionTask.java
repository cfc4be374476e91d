package dev.operon.core.tasks.builtin;

import dev.operon.core.runs.RunStore;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import dev.operon.sdk.task.Concurrency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code core.retention}: deletes the log lines of runs that ended more than {@code runLogDays} ago and, when
 * {@code runDays} is set, those runs themselves (with their history). Works in batches so that it never holds long
 * locks, and stops between batches when cancelled. The audit log is never purged.
 */
@ApplicationScoped
public class RetentionTask implements TaskType<RetentionTask.Input, RetentionTask.Output> {

    @Inject
    RunStore runs;

    /**
     * @param runLogDays keep run logs this many days after the run ended (default 30)
     * @param runDays    delete finished runs this many days after they ended; 0 keeps them (default)
     * @param batchSize  rows deleted per statement (default 5,000)
     */
    public record Input(@Min(0) @Max(36_500) int runLogDays, @Min(0) @Max(36_500) int runDays,
                        @Min(0) @Max(100_000) int batchSize) {
    }

    /** How much was deleted. */
    public record Output(long logLinesDeleted, long runsDeleted) {
    }

    @Override
    public String id() {
        return "core.retention";
    }

    @Override
    public String title() {
        return "Retention";
    }

    @Override
    public String description() {
        return "Purges run logs (and optionally finished runs) older than the policy; never the audit log.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withConcurrency(Concurrency.SKIP).withTimeout(Duration.ofHours(2));
    }

    @Override
    public Output run(TaskContext context, Input input) {
        int logDays = input.runLogDays() == 0 ? 30 : input.runLogDays();
        int batch = input.batchSize() == 0 ? 5_000 : input.batchSize();
        Instant logCutoff = Instant.now().minus(Duration.ofDays(logDays));
        context.log().info("deleting log lines of runs that ended before " + logCutoff);
        long lines = 0;
        for (int deleted; (deleted = runs.purgeLogs(logCutoff, batch)) > 0; ) {
            lines += deleted;
            context.progress(input.runDays() > 0 ? 25 : 50, lines + " log lines deleted");
            context.checkCancelled();
        }
        long removedRuns = 0;
        if (input.runDays() > 0) {
            Instant runCutoff = Instant.now().minus(Duration.ofDays(input.runDays()));
            context.log().info("deleting runs that ended before " + runCutoff);
            for (int deleted; (deleted = runs.purgeRuns(runCutoff, batch)) > 0; ) {
                removedRuns += deleted;
                context.progress(75, removedRuns + " runs deleted");
                context.checkCancelled();
            }
        }
        context.log().info("deleted " + lines + " log lines and " + removedRuns + " runs");
        return new Output(lines, removedRuns);
    }
}

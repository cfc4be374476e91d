package dev.operon.core.tasks.builtin;

import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskSkipped;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code core.sleep}: waits, reporting progress, and stops when cancelled. Its options make failures, retries,
 * timeouts and forced stops easy to try out.
 */
public class SleepTask implements TaskType<SleepTask.Input, SleepTask.Output> {

    /**
     * @param seconds          how long to sleep (0 to 86400)
     * @param failAttempts     the first this many attempts fail after sleeping (to try retries); 0 by default
     * @param ignoreCancel     keep sleeping when cancelled, until interrupted (to try forced stops)
     * @param skip             end as skipped after sleeping, as a task with nothing to do yet does
     */
    public record Input(@Min(0) @Max(86_400) double seconds, @Min(0) @Max(100) int failAttempts,
                        boolean ignoreCancel, boolean skip) {
    }

    /** @param sleptMillis how long it actually slept */
    public record Output(long sleptMillis) {
    }

    @Override
    public String id() {
        return "core.sleep";
    }

    @Override
    public String title() {
        return "Sleep";
    }

    @Override
    public String description() {
        return "Waits for the given seconds with progress; can be told to fail its first attempts or to ignore"
                + " cancellation, to try out retries, timeouts and forced stops.";
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
    public Output run(TaskContext context, Input input) throws InterruptedException {
        long total = Math.round(input.seconds() * 1000);
        long start = System.nanoTime();
        context.log().info("sleeping " + input.seconds() + " s (attempt " + context.attempt() + ")");
        long slept = 0;
        while (slept < total) {
            if (!input.ignoreCancel()) {
                context.checkCancelled();
            }
            Thread.sleep(Math.min(100, total - slept));
            slept = (System.nanoTime() - start) / 1_000_000;
            context.progress((int) Math.min(100, slept * 100 / Math.max(1, total)), "slept " + slept + " ms");
        }
        if (context.attempt() <= input.failAttempts()) {
            throw new IllegalStateException("attempt " + context.attempt() + " fails as asked (failAttempts="
                    + input.failAttempts() + ")");
        }
        if (input.skip()) {
            throw new TaskSkipped("skipped as asked (skip=true)");
        }
        context.progress(100, "done");
        return new Output(slept);
    }
}

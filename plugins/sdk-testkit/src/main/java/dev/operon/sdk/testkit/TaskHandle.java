package dev.operon.sdk.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A task run going on in its own thread, as on the platform: the test can watch its progress and logs, cancel it
 * (now, after a delay, or once it reached some progress) and wait for its {@link TaskResult}.
 *
 * @param <O> the task's output record
 */
public final class TaskHandle<O> {

    private final String taskId;
    private final KitTaskContext context;
    private final CompletableFuture<TaskResult<O>> result;
    private final Duration defaultWait;
    private final PluginTestKit kit;

    TaskHandle(String taskId, KitTaskContext context, CompletableFuture<TaskResult<O>> result, Duration defaultWait,
               PluginTestKit kit) {
        this.taskId = taskId;
        this.context = context;
        this.result = result;
        this.defaultWait = defaultWait;
        this.kit = kit;
    }

    /** The run's id, as {@code TaskContext.runId()} gives it to the task. */
    public long runId() {
        return context.runId();
    }

    /**
     * Cancels the run as an operator would: {@code isCancelled()} turns true at once; if the task has not returned
     * after the kit's grace period its thread is interrupted.
     */
    public TaskHandle<O> cancel() {
        kit.stop(this, KitTaskContext.StopReason.CANCELLED);
        return this;
    }

    /** Cancels the run once {@code delay} has passed (unless it ended before). */
    public TaskHandle<O> cancelAfter(Duration delay) {
        kit.scheduleStop(this, delay, KitTaskContext.StopReason.CANCELLED);
        return this;
    }

    /**
     * Waits until the task reported at least {@code percent} progress or ended.
     *
     * @return true when the progress was reached, false when the run ended or the wait timed out first
     */
    public boolean awaitProgress(int percent, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<ProgressUpdate> updates = context.progressUpdates();
            if (!updates.isEmpty() && updates.get(updates.size() - 1).percent() >= percent) {
                return true;
            }
            if (result.isDone()) {
                return false;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Progress reported so far. */
    public List<ProgressUpdate> progress() {
        return context.progressUpdates();
    }

    /** Log lines written so far. */
    public List<LogLine> logs() {
        return context.lines();
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Waits for the end of the run, at most the task's timeout plus the kit's grace period. */
    public TaskResult<O> await() {
        return await(defaultWait);
    }

    /** Waits for the end of the run; an {@link AssertionError} when it did not end within {@code timeout}. */
    public TaskResult<O> await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("task " + taskId + " did not end within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for task " + taskId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test kit failed running task " + taskId, e.getCause());
        }
    }

    KitTaskContext context() {
        return context;
    }

    CompletableFuture<TaskResult<O>> future() {
        return result;
    }
}

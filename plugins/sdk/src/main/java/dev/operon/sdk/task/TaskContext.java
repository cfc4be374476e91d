package dev.operon.sdk.task;

import dev.operon.sdk.PluginScope;
import dev.operon.sdk.model.Models;
import java.time.Instant;

/**
 * What a running task may use: its identity, a logger, progress reporting, cancellation, and its plugin's
 * {@link PluginScope} (configuration, data, models, events, profiles, metrics, channels, services). Nothing else of
 * the platform is reachable from a task. A context belongs to one run attempt and is used from the thread that runs
 * it.
 */
public interface TaskContext extends PluginScope {

    /** The run's id. */
    long runId();

    /** 1 for the first attempt, 2 for the first retry, and so on. */
    int attempt();

    /** When this attempt will be stopped as timed-out. */
    Instant deadline();

    /** The run's log, stored with the run and shown to operators. */
    TaskLogger log();

    /**
     * Reports progress. Cheap to call often: the platform stores at most a few updates a second.
     *
     * @param percent 0 to 100
     * @param message what is being done, may be null
     */
    void progress(int percent, String message);

    /** True once an operator cancelled the run or its timeout passed; the task should stop soon. */
    boolean isCancelled();

    /**
     * Records one point of a series shown with the run (a loss curve, a score per step). Cheap: stored in batches.
     *
     * @param series name such as {@code train_loss}
     * @param step   x value: epoch, iteration
     * @param value  y value
     */
    void metric(String series, int step, double value);

    /** The plugin's models; versions registered here are stored only if the run succeeds. */
    @Override
    Models models();

    /** Throws {@link TaskCancelledException} when {@link #isCancelled()} is true. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new TaskCancelledException();
        }
    }
}

package dev.operon.sdk.task;

import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.service.Services;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;
import java.time.Instant;

/**
 * What a running task may use: its identity, a logger, progress reporting, cancellation, and its plugin's
 * configuration, data, models and metrics. Nothing else of the platform is reachable from a task. A context belongs
 * to one run attempt and is used from the thread that runs it.
 */
public interface TaskContext {

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

    /** The plugin's configuration. */
    PluginConfig config();

    /** The plugin's own tables. */
    PluginData data();

    /** The plugin's models; versions registered here are stored only if the run succeeds. */
    Models models();

    /** The events end users produced (since SDK 1.1). */
    Events events();

    /** End-user profiles (since SDK 1.1). */
    Profiles profiles();

    /** The plugin's metrics. */
    PluginMetrics metrics();

    /** The delivery channels of every active plugin (since SDK 1.2). */
    default Channels channels() {
        return Channels.none();
    }

    /** The typed services of every active plugin, such as recommendations (since SDK 1.4). */
    default Services services() {
        return Services.none();
    }


    /** Throws {@link TaskCancelledException} when {@link #isCancelled()} is true. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new TaskCancelledException();
        }
    }
}

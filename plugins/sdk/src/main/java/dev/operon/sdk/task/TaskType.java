package dev.operon.sdk.task;

import java.util.Optional;

/**
 * A kind of work the platform can schedule, run, retry, time out, cancel and audit.
 *
 * <p>Input and output are Java records. The platform derives a JSON Schema from the input record (its components and
 * their Jakarta Validation constraints), validates parameters against it before a definition is saved or a run is
 * queued, and stores the output record as JSON.
 *
 * <p>Threading: {@link #run} may be called concurrently from several threads for different runs; keep state in the
 * input, the context or thread-safe fields. A run is cancelled cooperatively: poll
 * {@link TaskContext#isCancelled()} or call {@link TaskContext#checkCancelled()} between steps; after a grace period
 * the platform interrupts the thread.
 *
 * @param <I> the input record
 * @param <O> the output record
 */
public interface TaskType<I, O> {

    /** Stable id, {@code <plugin-id>.<name>}, for example {@code core.http-call}. */
    String id();

    /** Short human-readable title. */
    String title();

    /** What the task does, for operators. */
    default String description() {
        return "";
    }

    /** The input record class; parameters are deserialised into it and validated. */
    Class<I> inputType();

    /** The output record class. */
    Class<O> outputType();

    /** Defaults used when a task definition does not set its own. */
    default TaskDefaults defaults() {
        return TaskDefaults.STANDARD;
    }

    /**
     * A schedule the platform sets up by itself for this task type: when the plugin first runs on a database, a
     * definition named after {@link #id()} is created with empty parameters (the input record's defaults) and this
     * Quartz cron expression, evaluated in UTC, for example {@code 0 0/5 * * * ?} for every five minutes. It is created
     * once per database: operators may change, disable or delete it afterwards and it stays so. The input record
     * must accept empty parameters. Since SDK 1.1.
     */
    default Optional<String> defaultCron() {
        return Optional.empty();
    }

    /**
     * What the task needs from the node that runs it: {@link Resources#CPU} (the default) or a GPU with a fallback
     * for when no GPU node is alive. The default follows {@link TaskDefaults#resources()} of SDK 1.0: a type that
     * lists {@link Resource#GPU} there prefers a GPU and runs on a CPU worker when none is alive. Since SDK 1.3.
     */
    default Resources resources() {
        return defaults().resources().contains(Resource.GPU) ? Resources.gpuPreferred() : Resources.CPU;
    }

    /**
     * Does the work. Throwing fails the attempt, which is retried while retries remain, except for a
     * {@link PermanentTaskFailure}. Returning normally after the run was cancelled still ends it as cancelled.
     */
    O run(TaskContext context, I input) throws Exception;
}

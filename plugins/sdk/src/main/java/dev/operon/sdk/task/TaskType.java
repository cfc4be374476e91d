package dev.operon.sdk.task;

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
     * Does the work. Throwing fails the attempt, which is retried while retries remain, except for a
     * {@link PermanentTaskFailure}. Returning normally after the run was cancelled still ends it as cancelled.
     */
    O run(TaskContext context, I input) throws Exception;
}

package dev.operon.sdk.task;

/**
 * Thrown by a task that has nothing to do yet: too little data for a training, no model to score with. The run
 * ends as {@code skipped} with this message, not as a failure: no retry, nothing registered, and the console shows
 * it apart from failures (a fresh workspace's nightly training is not an incident). Use it only for "not yet"; a
 * problem an operator must fix stays a {@link PermanentTaskFailure}. Since SDK 1.8; on an older platform it counts
 * as a failure.
 */
public class TaskSkipped extends RuntimeException {

    /** @param reason what is missing, and what would make the task run (shown on the run) */
    public TaskSkipped(String reason) {
        super(reason);
    }
}

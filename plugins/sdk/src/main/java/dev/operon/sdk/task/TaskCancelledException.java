package dev.operon.sdk.task;

/** Thrown by {@link TaskContext#checkCancelled()} to stop a task that was cancelled or timed out. */
public class TaskCancelledException extends RuntimeException {

    public TaskCancelledException() {
        super("the run was cancelled");
    }
}

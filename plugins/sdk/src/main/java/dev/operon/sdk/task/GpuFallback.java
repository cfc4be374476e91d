package dev.operon.sdk.task;

/**
 * What becomes of a run of a GPU task type when no node with the {@code gpu} role is alive (none has sent a
 * heartbeat within the silence limit) at the moment the run is placed. Since SDK 1.3.
 */
public enum GpuFallback {
    /** Run on a CPU worker instead: right for work that is only faster on a GPU, such as training a small model. */
    RUN_ON_CPU,
    /** Stay queued until a GPU node starts, however long that takes. */
    WAIT,
    /** Fail the run at once with a message saying that no GPU node is alive; it is not retried. */
    FAIL
}

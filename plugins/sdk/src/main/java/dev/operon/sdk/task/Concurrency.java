package dev.operon.sdk.task;

/** What happens when a run of a definition is due while another run of the same definition is queued or running. */
public enum Concurrency {
    /** Start the new run anyway. */
    ALLOW,
    /** Drop the new run; the fire is counted as skipped on the definition. */
    SKIP,
    /** Queue the new run; it starts when the runs before it have ended. */
    QUEUE
}

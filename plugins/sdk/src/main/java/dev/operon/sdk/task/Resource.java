package dev.operon.sdk.task;

/** What a task needs from the node that runs it. */
public enum Resource {
    CPU,
    GPU
}

package dev.operon.core.cluster;

import java.util.Locale;

/** What a node does in the cluster (ADR 0013). */
public enum NodeRole {
    /** Serves the REST API and the console. */
    API,
    /** Fires task definitions' schedules (Quartz's main scheduler runs here). */
    SCHEDULER,
    /** Executes runs of CPU task types (the worker pool's Quartz scheduler runs here). */
    WORKER,
    /** Executes runs of GPU task types (the GPU pool's Quartz scheduler runs here). */
    GPU;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

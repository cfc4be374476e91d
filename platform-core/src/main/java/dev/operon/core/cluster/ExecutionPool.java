package dev.operon.core.cluster;

/**
 * A Quartz scheduler of its own (its own {@code SCHED_NAME} in the shared Quartz tables) that holds the run jobs of
 * one kind of node: only nodes with that role start it, so only they acquire its triggers (ADR 0013).
 */
public enum ExecutionPool {
    /** CPU run jobs; started on worker nodes. */
    WORKER("OperonWorkers", NodeRole.WORKER),
    /** GPU run jobs; started on gpu nodes. */
    GPU("OperonGpu", NodeRole.GPU);

    private final String schedulerName;
    private final NodeRole role;

    ExecutionPool(String schedulerName, NodeRole role) {
        this.schedulerName = schedulerName;
        this.role = role;
    }

    /** Quartz's {@code SCHED_NAME} of this pool. */
    public String schedulerName() {
        return schedulerName;
    }

    /** The role that starts this pool. */
    public NodeRole role() {
        return role;
    }
}

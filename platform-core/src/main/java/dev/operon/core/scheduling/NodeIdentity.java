package dev.operon.core.scheduling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * This node's id: the Quartz scheduler instance id, so that a run's {@code node_id}, the node registry and Quartz's
 * own cluster state all name a node the same way.
 */
@ApplicationScoped
public class NodeIdentity {

    @Inject
    Scheduler quartz;

    @ConfigProperty(name = "operon.core.node.cli", defaultValue = "false")
    boolean cli;

    private volatile String id;

    public String id() {
        String current = id;
        if (current == null) {
            try {
                current = quartz.getSchedulerInstanceId();
            } catch (SchedulerException e) {
                throw new IllegalStateException("the scheduler has no instance id", e);
            }
            id = current;
        }
        return current;
    }

    /** True for a CLI invocation: it neither runs work nor registers as a node. */
    public boolean cli() {
        return cli;
    }
}

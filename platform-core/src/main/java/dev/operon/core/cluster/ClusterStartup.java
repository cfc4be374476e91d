package dev.operon.core.cluster;

import dev.operon.core.scheduling.NodeIdentity;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Starts the Quartz schedulers this node's roles call for (ADR 0013): Quarkus's own (definition fires) on scheduler
 * nodes, the worker pool on worker nodes, the GPU pool on gpu nodes. Quarkus creates its scheduler halted
 * ({@code quarkus.scheduler.start-mode=halted}); every scheduler exists on every node, so any node can add jobs.
 */
@ApplicationScoped
public class ClusterStartup {

    private static final Logger LOG = Logger.getLogger(ClusterStartup.class);

    @Inject
    ClusterRoles roles;

    @Inject
    NodeIdentity node;

    @Inject
    Scheduler quartz;

    @Inject
    ExecutionPools pools;

    void start(@Observes @Priority(10) StartupEvent event) {
        NodeRoles parsed;
        try {
            parsed = roles.roles();
        } catch (NodeRoles.InvalidRoles e) {
            LOG.error(e.getMessage());
            throw e;
        }
        if (node.cli()) {
            return;
        }
        DrainBarrier.armed();
        applyRoles();
        LOG.infof("node %s: roles %s", node.id(), parsed.wire());
    }

    /** Starts (or restarts after a drain) what the roles call for; the rest stays in standby. */
    public void applyRoles() {
        NodeRoles parsed = roles.roles();
        try {
            if (parsed.has(NodeRole.SCHEDULER)) {
                quartz.start();
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the Quartz scheduler: " + e.getMessage(), e);
        }
        for (ExecutionPool pool : ExecutionPool.values()) {
            pools.scheduler(pool);
            if (parsed.has(pool.role())) {
                pools.start(pool);
            }
        }
    }
}

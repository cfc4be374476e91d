package dev.operon.core.cluster;

import dev.operon.core.runs.RunWatchdog;
import dev.operon.core.scheduling.NodeIdentity;
import dev.operon.core.scheduling.NodeRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Graceful shutdown (SIGTERM): the node stops taking work (every Quartz scheduler in standby), lets running attempts
 * finish for up to {@code operon.core.node.drain-timeout}, hands the rest back to the cluster (queued again with a new
 * trigger, recorded in the run's history and the audit log) and deregisters. Runs before the other shutdown
 * observers, while the watchdog and the heartbeat still work.
 */
@ApplicationScoped
public class NodeDrain {

    private static final Logger LOG = Logger.getLogger(NodeDrain.class);

    @Inject
    Scheduler quartz;

    @Inject
    ExecutionPools pools;

    @Inject
    ClusterStartup startup;

    @Inject
    RunWatchdog watchdog;

    @Inject
    NodeRegistry registry;

    @Inject
    NodeIdentity node;

    @ConfigProperty(name = "operon.core.node.drain-timeout", defaultValue = "30s")
    Duration drainTimeout;

    private volatile boolean draining;

    void onShutdown(@Observes @Priority(10) ShutdownEvent event) {
        if (node.cli()) {
            return;
        }
        try {
            drain(drainTimeout);
        } catch (RuntimeException e) {
            LOG.warnf(e, "the drain of node %s failed; other nodes will recover its runs", node.id());
        }
        try {
            pools.shutdownAll();
            registry.deregister();
        } finally {
            DrainBarrier.released();
        }
    }

    /**
     * Stops taking work and waits up to {@code timeout} for this node's attempts; returns the runs handed back.
     * The node takes no new work until {@link #resume()}.
     */
    public List<Long> drain(Duration timeout) {
        draining = true;
        try {
            quartz.standby();
        } catch (SchedulerException e) {
            LOG.warnf("could not put the Quartz scheduler in standby: %s", e.getMessage());
        }
        pools.standbyAll();
        Instant deadline = Instant.now().plus(timeout);
        LOG.infof("node %s draining: %d attempt(s) running, waiting up to %d s", node.id(), watchdog.activeCount(),
                timeout.toSeconds());
        while (busy() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (watchdog.activeCount() == 0) {
            LOG.infof("node %s drained", node.id());
            return List.of();
        }
        List<Long> handedBack = watchdog.handBackAll("node " + node.id() + " shut down and the attempt did not end"
                + " within the drain timeout of " + timeout.toSeconds() + " s");
        LOG.infof("node %s drained; handed back runs %s", node.id(), handedBack);
        return handedBack;
    }

    /** Takes work again after a {@link #drain} that was not followed by a shutdown. */
    public void resume() {
        startup.applyRoles();
        draining = false;
    }

    public boolean draining() {
        return draining;
    }

    /** An attempt is running, or a job is still between its trigger and its attempt. */
    private boolean busy() {
        if (watchdog.activeCount() > 0) {
            return true;
        }
        try {
            if (!quartz.getCurrentlyExecutingJobs().isEmpty()) {
                return true;
            }
            for (ExecutionPool pool : ExecutionPool.values()) {
                if (!pools.scheduler(pool).getCurrentlyExecutingJobs().isEmpty()) {
                    return true;
                }
            }
        } catch (SchedulerException e) {
            return false;
        }
        return false;
    }
}

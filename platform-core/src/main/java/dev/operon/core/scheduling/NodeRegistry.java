package dev.operon.core.scheduling;

import dev.operon.core.cluster.ClusterRoles;
import dev.operon.core.cluster.StrandedGpuRuns;
import dev.operon.core.db.Jdbc;
import dev.operon.core.runs.RunLifecycle;
import dev.operon.core.runs.RunStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Registers this node in the {@code node} table with a heartbeat, and sweeps up after silent nodes: runs left
 * running on a node without a recent heartbeat are retried or failed, queued runs that lost their trigger (a
 * crash between two steps) get a new one, and queued GPU runs stranded by the death of the last GPU node follow
 * their GPU fallback ({@link StrandedGpuRuns}). Quartz's own recovery usually gets there first; this is the backstop.
 */
@ApplicationScoped
public class NodeRegistry {

    private static final Logger LOG = Logger.getLogger(NodeRegistry.class);

    @Inject
    NodeIdentity node;

    @Inject
    Jdbc jdbc;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    RunStore runs;

    @Inject
    TaskScheduler scheduler;

    @Inject
    ClusterRoles roles;

    @Inject
    StrandedGpuRuns strandedGpuRuns;

    @ConfigProperty(name = "operon.core.node.heartbeat", defaultValue = "5s")
    Duration heartbeat;

    @ConfigProperty(name = "operon.core.node.silence-limit", defaultValue = "30s")
    Duration silenceLimit;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        if (node.cli()) {
            return;
        }
        beat();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "operon-node-registry");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::safely, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the heartbeat and removes this node from the registry (the last step of a shutdown's drain). */
    public void deregister() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            jdbc.update("delete from node where id = ?", node.id());
        } catch (RuntimeException e) {
            LOG.debugf("could not deregister node %s: %s", node.id(), e.getMessage());
        }
    }

    private long beats;

    private void safely() {
        try {
            beat();
            if (++beats % 2 == 0) {
                sweep();
            }
            if (beats % 3 == 0) {
                lifecycle.refreshStateCounts();
            }
        } catch (RuntimeException e) {
            LOG.warnf("node heartbeat or sweep failed (will retry): %s", e.getMessage());
        }
    }

    void beat() {
        jdbc.update("""
                insert into node (id, host, roles, started_at, heartbeat_at) values (?, ?, ?, now(), now())
                on conflict (id) do update set heartbeat_at = now()""", node.id(), hostName(), roles.roles().wire());
    }

    /** One sweep; returns how many runs it recovered. */
    public int sweep() {
        int recovered = lifecycle.sweepSilentNodes(silenceLimit);
        for (Long runId : runs.dueQueuedWithoutTrigger(Duration.ofSeconds(30))) {
            LOG.infof("run %d was queued without a trigger; enqueueing it", runId);
            scheduler.enqueue(runId, Instant.now());
        }
        strandedGpuRuns.sweep();
        jdbc.update("delete from node where heartbeat_at < now() - interval '1 day'");
        return recovered;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}

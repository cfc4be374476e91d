package dev.operon.core.runs;

import dev.operon.core.scheduling.NodeIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Watches the attempts running on this node, on one thread, four times a second: stores their progress and log
 * lines in batches, picks up cancel requests made on any node, signals timeouts, and takes over an attempt that did
 * not stop within the grace period (interrupts its thread and ends it in the database).
 */
@ApplicationScoped
public class RunWatchdog {

    private static final Logger LOG = Logger.getLogger(RunWatchdog.class);
    private static final long TICK_MILLIS = 250;

    private final Map<Long, RunContext> active = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;
    private long ticks;

    @Inject
    RunStore runs;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    NodeIdentity node;

    @ConfigProperty(name = "operon.core.tasks.stop-grace", defaultValue = "10s")
    Duration stopGrace;

    void start(@Observes StartupEvent event) {
        if (node.cli()) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "operon-run-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    void watch(RunContext context) {
        active.put(context.runId(), context);
    }

    void release(RunContext context) {
        active.remove(context.runId(), context);
    }

    /** Signals a cancel to an attempt running on this node at once (a remote one learns it within a second). */
    public void cancelLocal(long runId, String by) {
        RunContext context = active.get(runId);
        if (context != null && context.signalStop(RunContext.StopReason.CANCELLED, by)) {
            context.warn("cancel requested by " + by);
        }
    }

    /** How many attempts run on this node now. */
    public int activeCount() {
        return active.size();
    }

    /**
     * Hands every attempt still running on this node back to the cluster (a drain ran out of time): each is taken
     * over (whatever the task returns later is ignored), put back to queued with a new trigger, and its thread is
     * asked to stop and interrupted. Returns the ids of the runs handed back.
     */
    public List<Long> handBackAll(String why) {
        List<Long> handedBack = new ArrayList<>();
        for (RunContext context : List.copyOf(active.values())) {
            if (!context.tryAbandon()) {
                continue; // it returned meanwhile and ends the usual way
            }
            active.remove(context.runId(), context);
            context.signalStop(RunContext.StopReason.CANCELLED, "the node's shutdown");
            context.warn(why + "; handing the attempt back");
            try {
                flush(context);
                if (lifecycle.handBack(context.run(), why)) {
                    handedBack.add(context.runId());
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "run %d could not be handed back; the sweeper of another node will recover it",
                        context.runId());
            }
            context.thread().interrupt();
        }
        return handedBack;
    }

    /** Stores what the attempt reported since the last flush. */
    void flush(RunContext context) {
        flush(List.of(context));
    }

    private void flush(Iterable<RunContext> contexts) {
        List<Object[]> lines = new ArrayList<>();
        List<Object[]> points = new ArrayList<>();
        List<Object[]> progress = new ArrayList<>();
        for (RunContext context : contexts) {
            lines.addAll(context.drainLines());
            points.addAll(context.drainPoints());
            Object[] update = context.drainProgress();
            if (update != null) {
                progress.add(update);
            }
        }
        runs.appendLogs(lines);
        runs.appendMetrics(points);
        runs.progress(progress);
    }

    private void tick() {
        try {
            ticks++;
            if (active.isEmpty()) {
                return;
            }
            flush(active.values());
            if (ticks % 4 == 0) {
                pickUpCancelRequests();
            }
            Instant now = Instant.now();
            for (RunContext context : active.values()) {
                if (now.isAfter(context.deadline()) && context.signalStop(RunContext.StopReason.TIMED_OUT, null)) {
                    context.warn("timeout of " + context.run().timeoutSeconds() + " s reached; stopping");
                }
                Instant signalled = context.stopSignalledAt();
                if (signalled != null && now.isAfter(signalled.plus(stopGrace))) {
                    forceStop(context);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "run watchdog tick failed; retrying");
        }
    }

    private void pickUpCancelRequests() {
        for (Long runId : runs.cancelRequested(active.keySet())) {
            RunContext context = active.get(runId);
            if (context != null) {
                String by = runs.find(runId).map(Run::cancelRequestedBy).orElse(null);
                if (context.signalStop(RunContext.StopReason.CANCELLED, by)) {
                    context.warn("cancel requested by " + by);
                }
            }
        }
    }

    private void forceStop(RunContext context) {
        if (!context.tryAbandon()) {
            return;
        }
        active.remove(context.runId(), context);
        context.thread().interrupt();
        boolean cancelled = context.stopReason() == RunContext.StopReason.CANCELLED;
        String why = (cancelled ? "cancelled by " + context.stoppedBy() : "timeout of "
                + context.run().timeoutSeconds() + " s reached") + "; the task did not stop within "
                + stopGrace.toSeconds() + " s and was interrupted";
        context.error(why);
        flush(context);
        lifecycle.complete(context.run(), cancelled ? Outcome.cancelled(why) : Outcome.timedOut(why));
    }
}

package dev.operon.core.cluster;

import dev.operon.core.db.Jdbc;
import dev.operon.core.runs.RunLifecycle;
import dev.operon.core.runs.RunLifecycle.GpuReplacement;
import dev.operon.core.scheduling.TaskScheduler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Queued runs left in the GPU pool when no node with the {@code gpu} role is alive (ADR 0013, "GPU node death").
 * While another GPU node is alive, Quartz's own recovery and acquisition take care of them; when the last one died
 * nobody would, so each such run's type's {@code GpuFallback} decides: {@code RUN_ON_CPU} moves it to the worker
 * pool, {@code FAIL} fails it with the reason, {@code WAIT} leaves it queued with a progress message saying it waits
 * for a GPU node. Called by the node registry's sweep on every node; the gauge {@code operon.runs.waiting.gpu} counts
 * the runs left waiting.
 */
@ApplicationScoped
public class StrandedGpuRuns {

    private static final Logger LOG = Logger.getLogger(StrandedGpuRuns.class);
    private static final int BATCH = 200;

    private final AtomicLong waiting = new AtomicLong();

    @Inject
    Jdbc jdbc;

    @Inject
    Placement placement;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    StrandedGpuRuns(MeterRegistry registry) {
        Gauge.builder("operon.runs.waiting.gpu", waiting, AtomicLong::get)
                .description("Queued runs in the GPU pool while no node with the gpu role is alive (GPU fallback"
                        + " WAIT); as of this node's last sweep")
                .register(registry);
    }

    /** One pass; returns what it did, by outcome. */
    public Map<GpuReplacement, Integer> sweep() {
        Map<GpuReplacement, Integer> done = new EnumMap<>(GpuReplacement.class);
        if (placement.gpuNodeAlive()) {
            // a GPU node takes them; the waiting note of runs it has not claimed yet goes
            jdbc.update("update run set progress_message = null where state = 'queued' and progress_message = ?",
                    Placement.WAITING_FOR_GPU);
            waiting.set(0);
            return done;
        }
        for (long runId : queuedInGpuPool(BATCH)) {
            try {
                done.merge(lifecycle.replaceStrandedGpuRun(runId), 1, Integer::sum);
            } catch (RuntimeException e) {
                LOG.warnf("run %d: could not re-place it from the GPU pool (will retry): %s", runId, e.getMessage());
            }
        }
        int moved = done.getOrDefault(GpuReplacement.MOVED_TO_CPU, 0);
        int failed = done.getOrDefault(GpuReplacement.FAILED, 0);
        if (moved + failed > 0) {
            LOG.infof("no node with the gpu role is alive: %d queued GPU runs moved to the worker pool, %d failed"
                    + " (their GPU fallback)", moved, failed);
        }
        waiting.set(waitingCount());
        return done;
    }

    /** Queued runs in the GPU pool when no GPU node is alive (0 while one is): what the node page shows. */
    public long waitingCount() {
        if (placement.gpuNodeAlive()) {
            return 0;
        }
        return jdbc.count("select count(distinct r.id)" + QUEUED_IN_GPU_POOL, ExecutionPool.GPU.schedulerName(),
                TaskScheduler.RUN_GROUP);
    }

    private List<Long> queuedInGpuPool(int limit) {
        return jdbc.list("select distinct r.id" + QUEUED_IN_GPU_POOL + " order by r.id limit ?",
                rs -> rs.getLong(1), ExecutionPool.GPU.schedulerName(), TaskScheduler.RUN_GROUP, limit);
    }

    /** Queued runs {@code r} with a run job in the GPU pool (job names are {@code run-<id>-<uuid>}). */
    private static final String QUEUED_IN_GPU_POOL = " from qrtz_job_details j join run r"
            + " on r.id = cast(substring(j.job_name from '^run-([0-9]+)-') as bigint)"
            + " where j.sched_name = ? and j.job_group = ? and r.state = 'queued'";
}

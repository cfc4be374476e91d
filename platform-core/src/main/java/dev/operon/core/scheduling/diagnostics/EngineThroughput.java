package dev.operon.core.scheduling.diagnostics;

import dev.operon.core.audit.Actor;
import dev.operon.core.db.Jdbc;
import dev.operon.core.tasks.TaskService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The task engine's speed on the cheapest task: queues ad-hoc {@code core.noop} runs one after another through the
 * same path as {@code POST /api/v1/runs} (run row, history, audit record and Quartz job, one transaction each), then
 * watches the {@code run} table until every one has ended.
 */
@ApplicationScoped
public class EngineThroughput {

    static final String TASK_TYPE = "core.noop";
    private static final long POLL_MILLIS = 25;

    @Inject
    TaskService tasks;

    @Inject
    Jdbc jdbc;

    @ConfigProperty(name = "operon.core.diagnostics.max-wait", defaultValue = "15M")
    Duration maxWait;

    /** Queues {@code count} no-op runs as {@code actor}, waits until all have ended, and says how fast that was. */
    public EngineResult measure(int count, Actor actor) {
        Long[] ids = new Long[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            ids[i] = tasks.runType(TASK_TYPE, null, actor).id();
        }
        double queuedSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = start + maxWait.toNanos();
        while (true) {
            Progress progress = progress(ids);
            long now = System.nanoTime();
            if (progress.ended() == count) {
                double seconds = (now - start) / 1e9;
                return new EngineResult(count, seconds, count / seconds, progress.unsuccessful(), queuedSeconds);
            }
            if (now > deadline) {
                throw new ProbeTimeoutException("engine-throughput", progress.ended(), count, maxWait);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the probe's runs", e);
            }
        }
    }

    private Progress progress(Long[] ids) {
        return jdbc.one("select count(*) filter (where state not in ('queued', 'running')),"
                        + " count(*) filter (where state in ('failed', 'cancelled', 'timed-out'))"
                        + " from run where id = any(?)",
                rs -> new Progress(rs.getLong(1), rs.getLong(2)), (Object) ids).orElseThrow();
    }

    /** How many of the probe's runs have ended, and how many of those did not succeed. */
    private record Progress(long ended, long unsuccessful) {
    }
}

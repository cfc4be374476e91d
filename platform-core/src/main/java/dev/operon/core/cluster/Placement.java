package dev.operon.core.cluster;

import dev.operon.core.db.Jdbc;
import dev.operon.core.tasks.TaskTypes;
import dev.operon.sdk.task.GpuFallback;
import dev.operon.sdk.task.Resources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where a run of a task type executes (ADR 0013): CPU types on the worker pool; GPU types on the GPU pool while a
 * node with the {@code gpu} role is alive, and otherwise as their {@link GpuFallback} says.
 */
@ApplicationScoped
public class Placement {

    private static final Logger LOG = Logger.getLogger(Placement.class);

    @Inject
    Jdbc jdbc;

    @Inject
    TaskTypes types;

    @Inject
    ExecutionPools pools;

    @ConfigProperty(name = "operon.core.node.silence-limit", defaultValue = "30s")
    Duration silenceLimit;

    /** The progress message of a queued GPU run that waits because no GPU node is alive (fallback WAIT). */
    public static final String WAITING_FOR_GPU = "waiting for a node with the gpu role: none is alive (GPU fallback"
            + " WAIT); the run starts when one is";

    /** The pool a run goes to, or why it cannot run anywhere. */
    public record Decision(ExecutionPool pool, String failure) {

        public boolean fails() {
            return failure != null;
        }
    }

    public Decision decide(String taskType) {
        Resources resources = resourcesOf(taskType);
        // the registry is asked only for GPU types: CPU placement costs no query
        return decide(taskType, resources, resources.gpu() && gpuNodeAlive(), silenceLimit);
    }

    /** The decision itself, for a type with {@code resources} when a GPU node is or is not alive. */
    static Decision decide(String taskType, Resources resources, boolean gpuAlive, Duration silence) {
        if (!resources.gpu()) {
            return new Decision(ExecutionPool.WORKER, null);
        }
        if (gpuAlive) {
            return new Decision(ExecutionPool.GPU, null);
        }
        return switch (resources.gpuFallback()) {
            case RUN_ON_CPU -> new Decision(ExecutionPool.WORKER, null);
            case WAIT -> new Decision(ExecutionPool.GPU, null);
            case FAIL -> new Decision(ExecutionPool.WORKER, "task type '" + taskType + "' needs a GPU node and none"
                    + " is alive (no node with the gpu role sent a heartbeat within " + silence.toSeconds()
                    + " s); its GPU fallback is FAIL");
        };
    }

    /** True when this node acquires the jobs of {@code pool}. */
    public boolean runsHere(ExecutionPool pool) {
        return pools.started(pool);
    }

    /** What the type declares; CPU for an unknown type (its run fails on a worker with the usual message). */
    public Resources resourcesOf(String taskType) {
        try {
            return types.find(taskType).map(type -> {
                Resources declared = type.resources();
                return declared == null ? Resources.CPU : declared;
            }).orElse(Resources.CPU);
        } catch (RuntimeException e) {
            LOG.warnf("task type %s: resources() threw %s; placing it as a CPU task", taskType, e);
            return Resources.CPU;
        }
    }

    /** True when a node with the gpu role sent a heartbeat within the silence limit. */
    public boolean gpuNodeAlive() {
        return jdbc.count("select count(*) from node where heartbeat_at > now() - ?::interval"
                + " and (',' || roles || ',') like '%,gpu,%'", silenceLimit.toSeconds() + " seconds") > 0;
    }
}

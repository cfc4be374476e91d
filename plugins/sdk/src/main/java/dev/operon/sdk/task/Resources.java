package dev.operon.sdk.task;

import java.util.Objects;

/**
 * What a task type needs from the node that runs it. A CPU task runs on any node with the {@code worker} role; a GPU
 * task runs only on a node with the {@code gpu} role while one is alive, and otherwise as its {@link GpuFallback}
 * says. Since SDK 1.3.
 *
 * @param gpu         true when the task should run on a GPU node
 * @param gpuFallback what to do when no GPU node is alive (ignored for CPU tasks)
 */
public record Resources(boolean gpu, GpuFallback gpuFallback) {

    /** Any worker node. */
    public static final Resources CPU = new Resources(false, GpuFallback.RUN_ON_CPU);

    public Resources {
        Objects.requireNonNull(gpuFallback, "gpuFallback");
    }

    /** A GPU node, or what {@code fallback} says when none is alive. */
    public static Resources gpu(GpuFallback fallback) {
        return new Resources(true, fallback);
    }

    /** A GPU node when one is alive, else any worker: for work that is only faster on a GPU. */
    public static Resources gpuPreferred() {
        return gpu(GpuFallback.RUN_ON_CPU);
    }
}

package dev.operon.core.cluster;

import dev.operon.sdk.task.Resources;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;

/**
 * A GPU task type of the test plugin whose resources the placement tests set: it reports the thread that ran it, so
 * a test can tell which Quartz pool executed it.
 */
public class GpuWorkTask implements TaskType<GpuWorkTask.Input, GpuWorkTask.Output> {

    /** What {@link #resources()} answers; only the placement tests change it. */
    public static volatile Resources declared = Resources.gpuPreferred();

    /** @param label anything, to tell runs apart */
    public record Input(String label) {
    }

    /** @param thread the name of the thread that ran the attempt */
    public record Output(String thread) {
    }

    @Override
    public String id() {
        return "test-kit.gpu-work";
    }

    @Override
    public String title() {
        return "GPU work";
    }

    @Override
    public Resources resources() {
        return declared;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public Output run(TaskContext context, Input input) {
        return new Output(Thread.currentThread().getName());
    }

    /** A type written against SDK 1.0: it lists its resources in its defaults and does not override resources(). */
    static final class Legacy implements TaskType<Input, Output> {

        private final java.util.Set<dev.operon.sdk.task.Resource> resources;

        Legacy() {
            this(java.util.Set.of(dev.operon.sdk.task.Resource.GPU));
        }

        Legacy(java.util.Set<dev.operon.sdk.task.Resource> resources) {
            this.resources = resources;
        }

        @Override
        public String id() {
            return "test-kit.legacy";
        }

        @Override
        public String title() {
            return "Legacy";
        }

        @Override
        public dev.operon.sdk.task.TaskDefaults defaults() {
            return new dev.operon.sdk.task.TaskDefaults(java.time.Duration.ofMinutes(1), 0,
                    dev.operon.sdk.task.Concurrency.ALLOW, resources);
        }

        @Override
        public Class<Input> inputType() {
            return Input.class;
        }

        @Override
        public Class<Output> outputType() {
            return Output.class;
        }

        @Override
        public Output run(TaskContext context, Input input) {
            return new Output(Thread.currentThread().getName());
        }
    }
}

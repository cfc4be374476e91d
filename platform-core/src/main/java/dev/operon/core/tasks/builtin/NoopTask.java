package dev.operon.core.tasks.builtin;

import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;

/** {@code core.noop}: does nothing and succeeds; for testing schedules and measuring the engine. */
public class NoopTask implements TaskType<NoopTask.Input, NoopTask.Output> {

    /** No parameters. */
    public record Input() {
    }

    /** No output. */
    public record Output() {
    }

    @Override
    public String id() {
        return "core.noop";
    }

    @Override
    public String title() {
        return "No-op";
    }

    @Override
    public String description() {
        return "Does nothing and succeeds. Useful to check a schedule or to measure the engine.";
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
        return new Output();
    }
}

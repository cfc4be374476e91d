package dev.operon.core.plugins.jars;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/** Refused: its task type id does not start with its plugin id. */
public class BadTaskIdPlugin implements OperonPlugin {

    @Override
    public PluginInfo info() {
        return new PluginInfo("jar-bad-task", "Bad task id", "1.0", "[1.0,2.0)", "Claims another plugin's task.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of(new Stray());
    }

    /** A task named as if it belonged to the core. */
    public static class Stray implements TaskType<Stray.Input, Stray.Input> {

        public record Input(String text) {
        }

        @Override
        public String id() {
            return "core.stray";
        }

        @Override
        public String title() {
            return "Stray";
        }

        @Override
        public Class<Input> inputType() {
            return Input.class;
        }

        @Override
        public Class<Input> outputType() {
            return Input.class;
        }

        @Override
        public Input run(TaskContext context, Input input) {
            return input;
        }
    }
}

package dev.operon.core.plugins;

import dev.operon.core.models.LineModel;
import dev.operon.core.models.TrainLineTask;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/** A plugin found on the test classpath through ServiceLoader, as a built-in plugin would be. */
public class TestPlugin implements OperonPlugin {

    @Override
    public PluginInfo info() {
        return new PluginInfo("test-kit", "Test plugin", "1.0", "[1.0,2.0)", "Used by the platform's own tests.");
    }

    @Override
    public List<ConfigProperty> config() {
        return List.of(ConfigProperty.of("greeting", ConfigType.STRING, "hello", "What the series task logs."),
                ConfigProperty.of("pause", ConfigType.DURATION, "5ms", "Pause between points."));
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of(new SeriesTask(), new TrainLineTask());
    }

    /** Ids of one small model type, one per test class that trains (they share a database). */
    public static final List<String> LINE_MODELS = List.of("test-kit.line", "test-kit.swap", "test-kit.spare",
            "test-kit.authz", "test-kit.corrupt");

    @Override
    public List<ModelType<?, ?>> models() {
        return LINE_MODELS.stream().<ModelType<?, ?>>map(LineModel::new).toList();
    }

    /** Reports a decreasing series, as a training reports its loss. */
    public static class SeriesTask implements TaskType<SeriesTask.Input, SeriesTask.Output> {

        /** @param points how many points */
        public record Input(int points) {
        }

        /** @param table the plugin's table prefix */
        public record Output(String greeting, String table) {
        }

        @Override
        public String id() {
            return "test-kit.series";
        }

        @Override
        public String title() {
            return "Series";
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
        public Output run(TaskContext context, Input input) throws InterruptedException {
            for (int step = 1; step <= input.points(); step++) {
                context.metric("loss", step, 1.0 / step);
                context.metrics().increment("points", 1);
                Thread.sleep(context.config().getDuration("pause").toMillis());
            }
            String greeting = context.config().require("greeting");
            context.log().info(greeting);
            return new Output(greeting, context.data().tablePrefix());
        }
    }
}

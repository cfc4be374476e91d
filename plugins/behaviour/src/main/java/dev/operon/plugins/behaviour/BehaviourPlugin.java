package dev.operon.plugins.behaviour;

import dev.operon.sdk.OperonPlugin;
import dev.operon.plugins.behaviour.churn.ChurnConfig;
import dev.operon.plugins.behaviour.churn.ChurnModelType;
import dev.operon.plugins.behaviour.churn.ChurnScoreTask;
import dev.operon.plugins.behaviour.churn.ChurnTrainTask;
import dev.operon.plugins.behaviour.cli.ChurnCommand;
import dev.operon.plugins.behaviour.cli.ClvCommand;
import dev.operon.plugins.behaviour.clv.ClvFitTask;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.task.TaskType;
import java.util.ArrayList;
import java.util.List;

/**
 * Behaviour profiling: segments over traits and event aggregates, personas learned from event sequences, churn
 * propensity and customer lifetime value.
 */
public final class BehaviourPlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "behaviour";

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Behaviour", "0.1.0", "[1.1,2.0)",
                "Segments, personas, churn propensity and customer lifetime value from events and profiles.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of(new ChurnTrainTask(), new ChurnScoreTask(), new ClvFitTask());
    }

    @Override
    public List<ModelType<?, ?>> models() {
        return List.of(new ChurnModelType());
    }

    @Override
    public List<ConfigProperty> config() {
        List<ConfigProperty> keys = new ArrayList<>(ChurnConfig.properties());
        keys.addAll(ClvFitTask.config());
        return keys;
    }

    @Override
    public List<OfflineCommand> commands() {
        return List.of(new ChurnCommand(), new ClvCommand());
    }
}

package dev.operon.plugins.behaviour;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskType;
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
        return List.of();
    }
}

package dev.operon.plugins.marketing;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/** Campaigns and journeys to segments on schedules and triggers, with contact budgets, experiments and holdouts. */
public final class MarketingPlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "marketing";

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Marketing", "0.1.0", "[1.2,2.0)",
                "Campaigns and journeys to segments on schedules and triggers, with contact budgets, experiments and holdouts.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of();
    }
}

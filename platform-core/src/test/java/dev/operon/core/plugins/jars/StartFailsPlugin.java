package dev.operon.core.plugins.jars;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/** Refused: its start throws. */
public class StartFailsPlugin implements OperonPlugin {

    @Override
    public PluginInfo info() {
        return new PluginInfo("jar-start-fails", "Start fails", "1.0", "[1.0,2.0)", "Cannot start.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of();
    }

    @Override
    public void start(PluginContext context) {
        throw new IllegalStateException("no licence file found");
    }
}

package dev.operon.core.plugins.jars;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/** Refused: built for an SDK that does not exist yet. */
public class FutureSdkPlugin implements OperonPlugin {

    @Override
    public PluginInfo info() {
        return new PluginInfo("jar-future", "FutureSdkPlugin", "1.0", "[2.0,3.0)", "Built for an SDK that does not exist yet.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of();
    }
}

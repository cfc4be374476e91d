package dev.operon.core.plugins.jars;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/** Refused: an id the classpath plugin holds. */
public class DuplicateIdPlugin implements OperonPlugin {

    @Override
    public PluginInfo info() {
        return new PluginInfo("test-kit", "DuplicateIdPlugin", "1.0", "[1.0,2.0)", "An id the classpath plugin holds.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of();
    }
}

package dev.operon.plugins.cs;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/** Support conversations understood with pretrained Transformers, answered from a knowledge base, handed off to humans. */
public final class CustomerServicePlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "cs";

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Customer service", "0.1.0", "[1.2,2.0)",
                "Support conversations understood with pretrained Transformers, answered from a knowledge base, handed off to humans.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of();
    }
}

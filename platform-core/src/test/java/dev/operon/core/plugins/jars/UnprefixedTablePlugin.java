package dev.operon.core.plugins.jars;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskType;
import java.util.List;
import java.util.Optional;

/** Refused: its migration creates a table without the plugin's prefix (the test puts the SQL in the jar). */
public class UnprefixedTablePlugin implements OperonPlugin {

    @Override
    public PluginInfo info() {
        return new PluginInfo("jar-unprefixed", "Unprefixed", "1.0", "[1.0,2.0)", "Its table lacks the prefix.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of();
    }

    @Override
    public Optional<String> migrations() {
        return Optional.of("db/jar-unprefixed");
    }
}

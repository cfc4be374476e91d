package dev.operon.core.plugins.jars;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskType;
import java.util.List;
import java.util.Optional;

/** Refused: its migration is not valid SQL (the test puts the SQL in the jar). */
public class BadMigrationPlugin implements OperonPlugin {

    @Override
    public PluginInfo info() {
        return new PluginInfo("jar-bad-sql", "Bad SQL", "1.0", "[1.0,2.0)", "Its migration fails.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of();
    }

    @Override
    public Optional<String> migrations() {
        return Optional.of("db/jar-bad-sql");
    }
}

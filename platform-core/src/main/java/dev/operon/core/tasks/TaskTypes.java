package dev.operon.core.tasks;

import dev.operon.core.api.ApiException;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.sdk.task.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Every task type the node knows, from the core and from the plugins, by id. */
@ApplicationScoped
public class TaskTypes {

    @Inject
    PluginRegistry plugins;

    private volatile Map<String, TaskType<?, ?>> byId;

    private Map<String, TaskType<?, ?>> index() {
        Map<String, TaskType<?, ?>> current = byId;
        if (current == null) {
            Map<String, TaskType<?, ?>> built = new TreeMap<>();
            plugins.taskTypes().forEach(type -> built.putIfAbsent(type.id(), type));
            byId = current = Map.copyOf(built);
        }
        return current;
    }

    /** Forgets the index, after a plugin was enabled or disabled. */
    public void refresh() {
        byId = null;
    }

    public Optional<TaskType<?, ?>> find(String id) {
        return Optional.ofNullable(index().get(id));
    }

    /** The type, or a 422 naming {@code field} when it is unknown. */
    public TaskType<?, ?> require(String id, String field) {
        return find(id).orElseThrow(unknown(id, field));
    }

    public Collection<TaskType<?, ?>> all() {
        return new TreeMap<>(index()).values();
    }

    private Supplier<ApiException> unknown(String id, String field) {
        return () -> ApiException.invalid(field, "unknown task type '" + id + "'" + plugins
                .unavailable(PluginRegistry.pluginOf(id)).map(why -> " (" + why + ")").orElse(""));
    }
}

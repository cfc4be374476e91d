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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Every task type the node knows, from the core and from the plugins, by id. */
@ApplicationScoped
public class TaskTypes {

    @Inject
    PluginRegistry plugins;

    /** The index built for one generation; a refresh starts a new generation. */
    private record Index(long generation, Map<String, TaskType<?, ?>> byId) {
    }

    private final AtomicLong generation = new AtomicLong();
    private volatile Index index;

    private Map<String, TaskType<?, ?>> index() {
        Index current = index;
        long wanted = generation.get();
        if (current == null || current.generation() != wanted) {
            // built from the generation read before reading the plugins: an index built while a refresh happened
            // carries the old generation and is rebuilt on the next call instead of hiding the change
            Map<String, TaskType<?, ?>> built = new TreeMap<>();
            plugins.taskTypes().forEach(type -> built.putIfAbsent(type.id(), type));
            current = new Index(wanted, Map.copyOf(built));
            index = current;
        }
        return current.byId();
    }

    /** Forgets the index, after a plugin was enabled, disabled, loaded or unloaded. */
    public void refresh() {
        generation.incrementAndGet();
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

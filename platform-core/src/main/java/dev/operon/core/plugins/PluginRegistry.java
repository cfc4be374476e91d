package dev.operon.core.plugins;

import dev.operon.core.tasks.builtin.CorePlugin;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.task.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.jboss.logging.Logger;

/**
 * The plugins this node runs: the built-in core plugin plus every {@link OperonPlugin} on the classpath
 * ({@code META-INF/services}). Loading from a plugins folder, refusal reasons and enable/disable come with the SDK
 * work; this first version gives the task engine its task types.
 */
@ApplicationScoped
public class PluginRegistry {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class);

    @Inject
    CorePlugin core;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Inject
    dev.operon.core.models.ModelRegistry models;

    private final java.util.Map<String, PluginServices> services = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile List<OperonPlugin> loaded;

    public List<OperonPlugin> plugins() {
        List<OperonPlugin> current = loaded;
        if (current == null) {
            List<OperonPlugin> found = new ArrayList<>();
            found.add(core);
            for (OperonPlugin plugin : ServiceLoader.load(OperonPlugin.class, Thread.currentThread()
                    .getContextClassLoader())) {
                if (found.stream().anyMatch(p -> p.info().id().equals(plugin.info().id()))) {
                    LOG.warnf("plugin %s refused: its id is taken", plugin.info().id());
                    continue;
                }
                found.add(plugin);
            }
            loaded = current = List.copyOf(found);
        }
        return current;
    }

    /** The services of the plugin with {@code pluginId}. */
    public PluginServices services(String pluginId) {
        return services.computeIfAbsent(pluginId, id -> {
            OperonPlugin plugin = plugins().stream().filter(p -> p.info().id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no plugin " + id));
            return new PluginServices(id, new MicroProfilePluginConfig(id, plugin.config()),
                    PluginDataSource.of(dataSource, id), models.forPlugin(id),
                    new MicrometerPluginMetrics(meters, id));
        });
    }

    /** The id of the plugin that offers task type {@code typeId} ({@code <plugin-id>.<name>}). */
    public static String pluginOf(String typeId) {
        int dot = typeId.indexOf('.');
        return dot < 0 ? typeId : typeId.substring(0, dot);
    }

    public List<TaskType<?, ?>> taskTypes() {
        List<TaskType<?, ?>> types = new ArrayList<>();
        for (OperonPlugin plugin : plugins()) {
            for (TaskType<?, ?> type : plugin.tasks()) {
                if (!type.id().startsWith(plugin.info().id() + ".")) {
                    LOG.warnf("task type %s of plugin %s ignored: its id must start with '%s.'", type.id(),
                            plugin.info().id(), plugin.info().id());
                    continue;
                }
                types.add(type);
            }
        }
        return types;
    }
}

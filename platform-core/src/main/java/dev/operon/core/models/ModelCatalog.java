package dev.operon.core.models;

import dev.operon.core.api.ApiException;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.model.ModelType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The model types the plugins of this node declare, each with the plugin that owns it. Read from the plugin
 * registry on every call (declarations are cheap), so that enabling or disabling a plugin shows at once.
 */
@ApplicationScoped
public class ModelCatalog {

    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);

    @Inject
    PluginRegistry plugins;

    /** A declared model type and its plugin. */
    public record Entry(String pluginId, ModelType<?, ?> type) {
    }

    public List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        for (OperonPlugin plugin : plugins.plugins()) {
            String pluginId = plugin.info().id();
            for (ModelType<?, ?> type : plugin.models()) {
                if (!type.id().startsWith(pluginId + ".")) {
                    LOG.warnf("model type %s of plugin %s ignored: its id must start with '%s.'", type.id(), pluginId,
                            pluginId);
                    continue;
                }
                if (entries.stream().noneMatch(e -> e.type().id().equals(type.id()))) {
                    entries.add(new Entry(pluginId, type));
                }
            }
        }
        entries.sort(Comparator.comparing(e -> e.type().id()));
        return entries;
    }

    public Optional<Entry> find(String modelType) {
        return all().stream().filter(e -> e.type().id().equals(modelType)).findFirst();
    }

    /** The entry, or a 404 naming the type. */
    public Entry require(String modelType) {
        return find(modelType).orElseThrow(() -> ApiException.notFound("no model type '" + modelType
                + "' (is its plugin installed and enabled?)"));
    }
}

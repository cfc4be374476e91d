package dev.operon.core.plugins;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import java.util.List;

/**
 * A plugin in the list: identity, where it came from, its status and, when refused, why.
 *
 * @param source {@code classpath} or the jar's path
 * @param status {@code active}, {@code disabled} or {@code refused}
 * @param reason why it was refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginSummary(String id, String name, String version, String sdkRange, String description,
                            String source, String status, String reason, int tasks, int models, int operations,
                            int panels) {

    static PluginSummary of(PluginEntry entry) {
        PluginInfo info = entry.info();
        OperonPlugin plugin = entry.plugin();
        if (plugin == null || info == null) {
            return new PluginSummary(entry.id(), null, null, null, null, entry.source(), entry.status().wire(),
                    entry.reason(), 0, 0, 0, 0);
        }
        try {
            return new PluginSummary(info.id(), info.name(), info.version(), info.sdkRange(), info.description(),
                    entry.source(), entry.status().wire(), entry.reason(), size(plugin.tasks()), size(plugin.models()),
                    size(plugin.operations()), size(plugin.panels()));
        } catch (RuntimeException | LinkageError broken) {
            // a refused plugin whose declarations throw: show what is known
            return new PluginSummary(info.id(), info.name(), info.version(), info.sdkRange(), info.description(),
                    entry.source(), entry.status().wire(), entry.reason(), 0, 0, 0, 0);
        }
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }
}

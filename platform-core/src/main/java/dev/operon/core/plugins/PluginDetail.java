package dev.operon.core.plugins;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.operon.core.tasks.JsonSchemas;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.task.TaskType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One plugin with everything it declares: task type ids, operations with their JSON Schemas, panels and
 * configuration keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginDetail(String id, String name, String version, String sdkRange, String description,
                           String source, String status, String reason, List<String> taskTypes,
                           List<OperationView> operations, List<Panel> panels, List<ConfigDescriptor> config) {

    /**
     * An operation as callers see it.
     *
     * @param kind {@code query} or {@code action}
     * @param role the lowest role allowed to call it: {@code viewer}, {@code operator} or {@code admin}
     */
    public record OperationView(String name, String title, String description, String kind, String role,
                                Map<String, Object> inputSchema, Map<String, Object> outputSchema) {

        static OperationView of(Operation<?, ?> operation) {
            return new OperationView(operation.name(), operation.title(), operation.description(),
                    operation.kind().name().toLowerCase(Locale.ROOT), operation.role().name().toLowerCase(Locale.ROOT),
                    JsonSchemas.of(operation.inputType()), JsonSchemas.of(operation.outputType()));
        }
    }

    /** A configuration key as admins see it (a secret's default is not shown). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConfigDescriptor(String key, String description, String type, boolean required, boolean secret,
                                   String defaultValue, List<String> allowed, Double min, Double max) {

        static ConfigDescriptor of(ConfigProperty property) {
            return new ConfigDescriptor(property.key(), property.description(),
                    property.type().name().toLowerCase(Locale.ROOT), property.required(), property.secret(),
                    property.secret() ? null : property.defaultValue(),
                    property.allowed().isEmpty() ? null : property.allowed(), property.min(), property.max());
        }
    }

    static PluginDetail of(PluginEntry entry) {
        PluginSummary summary = PluginSummary.of(entry);
        OperonPlugin plugin = entry.plugin();
        if (plugin != null) {
            try {
                return declared(summary, plugin);
            } catch (RuntimeException | LinkageError broken) {
                // a refused plugin whose declarations throw: show what is known
            }
        }
        return new PluginDetail(summary.id(), summary.name(), summary.version(), summary.sdkRange(),
                summary.description(), summary.source(), summary.status(), summary.reason(), List.of(), List.of(),
                List.of(), List.of());
    }

    private static PluginDetail declared(PluginSummary summary, OperonPlugin plugin) {
        return new PluginDetail(summary.id(), summary.name(), summary.version(), summary.sdkRange(),
                summary.description(), summary.source(), summary.status(), summary.reason(),
                list(plugin.tasks()).stream().map(TaskType::id).toList(),
                list(plugin.operations()).stream().map(OperationView::of).toList(),
                list(plugin.panels()),
                list(plugin.config()).stream().map(ConfigDescriptor::of).toList());
    }

    private static <T> List<T> list(List<T> declared) {
        return declared == null ? List.of() : declared;
    }
}

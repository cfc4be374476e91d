package dev.operon.core.plugins;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.Sdk;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.task.TaskType;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks a plugin must pass before anything of it runs: a compatible SDK range and well-formed, unique ids (task
 * and model types start with {@code <plugin-id>.}; operations, panels and configuration keys are unique). Failing
 * them refuses the plugin for good: only a new jar can fix them.
 */
final class PluginChecks {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private PluginChecks() {
    }

    /** Why the plugin cannot be used, or empty. Calls its declarations, which may throw. */
    static Optional<String> problem(OperonPlugin plugin, PluginInfo info) {
        Optional<String> sdk = sdk(info);
        if (sdk.isPresent()) {
            return sdk;
        }
        String prefix = info.id() + ".";
        Set<String> seen = new HashSet<>();
        for (TaskType<?, ?> type : list(plugin.tasks())) {
            if (type.id() == null || !type.id().startsWith(prefix) || type.id().length() == prefix.length()) {
                return Optional.of("task type id '" + type.id() + "' does not start with '" + prefix + "'");
            }
            if (!seen.add(type.id())) {
                return Optional.of("task type id '" + type.id() + "' is declared twice");
            }
            if (type.inputType() == null || type.outputType() == null) {
                return Optional.of("task type '" + type.id() + "' has no input or output type");
            }
        }
        for (ModelType<?, ?> model : list(plugin.models())) {
            if (model.id() == null || !model.id().startsWith(prefix) || !seen.add(model.id())) {
                return Optional.of("model type id '" + model.id() + "' does not start with '" + prefix
                        + "' or is declared twice");
            }
        }
        Set<String> operations = new HashSet<>();
        for (Operation<?, ?> operation : list(plugin.operations())) {
            if (operation.name() == null || !NAME.matcher(operation.name()).matches()) {
                return Optional.of("operation name '" + operation.name() + "' is not kebab-case");
            }
            if (!operations.add(operation.name())) {
                return Optional.of("operation '" + operation.name() + "' is declared twice");
            }
            if (operation.kind() == null || operation.inputType() == null || operation.outputType() == null) {
                return Optional.of("operation '" + operation.name() + "' has no kind, input or output type");
            }
        }
        Set<String> panels = new HashSet<>();
        for (Panel panel : list(plugin.panels())) {
            if (!panels.add(panel.id())) {
                return Optional.of("panel '" + panel.id() + "' is declared twice");
            }
        }
        Set<String> keys = new HashSet<>();
        for (ConfigProperty property : list(plugin.config())) {
            if (!keys.add(property.key())) {
                return Optional.of("configuration key '" + property.key() + "' is declared twice");
            }
        }
        return Optional.empty();
    }

    static Optional<String> sdk(PluginInfo info) {
        try {
            if (!SdkRange.parse(info.sdkRange()).contains(Sdk.VERSION)) {
                return Optional.of("built for SDK " + info.sdkRange() + ", which does not include this platform's SDK "
                        + Sdk.VERSION);
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("unreadable SDK range: " + e.getMessage());
        }
    }

    private static <T> List<T> list(List<T> declared) {
        return declared == null ? List.of() : declared;
    }
}

package dev.operon.sdk.testkit;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.Sdk;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import dev.operon.sdk.task.TaskType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what a plugin declares before it is started, as the platform does before it accepts a plugin: the SDK range
 * includes this SDK, ids carry the plugin's prefix and are unique, inputs are records, panels are bound to existing
 * operations (tables, charts and KPIs to queries), and the migrations folder exists.
 */
final class DeclarationCheck {

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private DeclarationCheck() {
    }

    /** Every problem found; empty when the platform would accept the declarations. */
    static List<String> problems(OperonPlugin plugin) {
        List<String> problems = new ArrayList<>();
        String id = plugin.info().id();
        sdkRange(plugin, problems);
        Set<String> seen = new HashSet<>();
        for (TaskType<?, ?> task : plugin.tasks()) {
            prefixed("task type", task.id(), id, seen, problems);
            record("task type " + task.id(), task.inputType(), problems);
            if (task.outputType() == null) {
                problems.add("task type " + task.id() + " declares no output type");
            }
        }
        seen.clear();
        for (ModelType<?, ?> model : plugin.models()) {
            prefixed("model type", model.id(), id, seen, problems);
            if (model.primaryMetric() == null) {
                problems.add("model type " + model.id() + " declares no primary metric");
            }
        }
        Map<String, Operation<?, ?>> operations = new HashMap<>();
        for (Operation<?, ?> operation : plugin.operations()) {
            if (!KEBAB.matcher(operation.name()).matches()) {
                problems.add("operation name '" + operation.name() + "' is not kebab-case");
            }
            if (operations.put(operation.name(), operation) != null) {
                problems.add("operation " + operation.name() + " is declared twice");
            }
            record("operation " + operation.name(), operation.inputType(), problems);
        }
        seen.clear();
        for (Panel panel : plugin.panels()) {
            if (!seen.add(panel.id())) {
                problems.add("panel " + panel.id() + " is declared twice");
            }
            panel.widgets().forEach(w -> widget(panel, w, operations, problems));
        }
        seen.clear();
        for (ConfigProperty property : plugin.config()) {
            if (!seen.add(property.key())) {
                problems.add("configuration key " + property.key() + " is declared twice");
            }
        }
        plugin.migrations().ifPresent(folder -> {
            String path = folder.startsWith("classpath:") ? folder.substring("classpath:".length()) : folder;
            if (plugin.getClass().getClassLoader().getResource(path) == null) {
                problems.add("migrations folder " + folder + " is not on the plugin's classpath");
            }
        });
        return problems;
    }

    private static void sdkRange(OperonPlugin plugin, List<String> problems) {
        try {
            if (!SdkRange.parse(plugin.info().sdkRange()).contains(Sdk.VERSION)) {
                problems.add("it supports SDK " + plugin.info().sdkRange() + ", this platform implements SDK "
                        + Sdk.VERSION);
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static void prefixed(String what, String typeId, String pluginId, Set<String> seen, List<String> problems) {
        if (typeId == null || !typeId.startsWith(pluginId + ".") || typeId.length() == pluginId.length() + 1) {
            problems.add(what + " id '" + typeId + "' must start with '" + pluginId + ".'");
        } else if (!seen.add(typeId)) {
            problems.add(what + " " + typeId + " is declared twice");
        }
    }

    private static void record(String what, Class<?> input, List<String> problems) {
        if (input == null) {
            problems.add(what + " declares no input type");
        } else if (!input.isRecord()) {
            problems.add(what + " takes " + input.getName() + ", which is not a record");
        }
    }

    private static void widget(Panel panel, Widget widget, Map<String, Operation<?, ?>> operations,
                               List<String> problems) {
        String operation;
        boolean query = true;
        if (widget instanceof Widget.Table t) {
            operation = t.operation();
        } else if (widget instanceof Widget.TimeSeries s) {
            operation = s.operation();
        } else if (widget instanceof Widget.Kpi k) {
            operation = k.operation();
        } else if (widget instanceof Widget.Form f) {
            operation = f.operation();
            query = false;
        } else {
            return;
        }
        Operation<?, ?> target = operations.get(operation);
        if (target == null) {
            problems.add("panel " + panel.id() + " shows operation '" + operation + "', which the plugin does not"
                    + " declare");
        } else if (query && target.kind() != Operation.Kind.QUERY) {
            problems.add("panel " + panel.id() + " reads from operation '" + operation + "', which is not a query");
        }
    }
}

package dev.operon.core.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.api.RequestIds;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.sdk.config.ConfigProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What admins change about plugins, stored and audited in one transaction: enabled or not, configuration values.
 * Each change bumps the version counter so that every node applies it within seconds; the caller then applies it
 * on this node at once ({@link PluginRegistry#refresh}). Secret values are never put in the audit log.
 */
@ApplicationScoped
public class PluginAdmin {

    /** The plugin that cannot be disabled: it holds the platform's own task types. */
    static final String CORE = "core";

    @Inject
    PluginSettings settings;

    @Inject
    AuditService audit;

    @Transactional
    public void setEnabled(PluginEntry entry, boolean enabled, Actor actor) {
        String id = entry.id();
        if (!enabled && CORE.equals(id)) {
            throw ApiException.conflict("the core plugin cannot be disabled");
        }
        if (enabled && entry.status() == PluginStatus.REFUSED && !entry.recoverable()) {
            throw ApiException.conflict("plugin '" + id + "' cannot be enabled: it was refused because "
                    + entry.reason() + "; replace its jar and rescan");
        }
        boolean before = settings.storedEnabled(id);
        settings.setEnabled(id, enabled, actor.toString());
        settings.bump();
        audit.record(new AuditEvent(actor, enabled ? "plugin.enable" : "plugin.disable", "plugin:" + id,
                AuditEvent.SUCCESS, RequestIds.current(), Map.of("enabled", before), Map.of("enabled", enabled),
                null));
    }

    /**
     * Applies a partial map of key to value (a string, number or boolean; null clears the admin's value) after
     * validating every key, or throws a 422 naming each bad key.
     */
    @Transactional
    public void writeConfig(PluginEntry entry, JsonNode changes, Actor actor) {
        if (changes == null || !changes.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object of key to value");
        }
        LayeredPluginConfig config = (LayeredPluginConfig) entry.services().config();
        Map<String, ConfigProperty> declared = config.declared();
        Map<String, String> values = new TreeMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = changes.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            ConfigProperty property = declared.get(key);
            String problem = property == null ? "unknown configuration key; known: " + declared.keySet()
                    : problem(property, field.getValue(), config);
            if (problem != null) {
                errors.add(new Problem.FieldError(key, problem));
            } else {
                values.put(key, text(field.getValue()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (values.isEmpty()) {
            return;
        }
        String id = entry.id();
        Map<String, String> stored = settings.storedValues(id);
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value == null) {
                settings.clearValue(id, key);
            } else {
                settings.setValue(id, key, value, actor.toString());
            }
            if (declared.get(key).secret()) {
                after.put(key, value == null ? "cleared" : "changed");
            } else {
                before.put(key, stored.get(key));
                after.put(key, value);
            }
        });
        settings.bump();
        audit.record(new AuditEvent(actor, "plugin.config", "plugin:" + id, AuditEvent.SUCCESS,
                RequestIds.current(), before, after, Map.of("keys", List.copyOf(values.keySet()))));
    }

    private static String problem(ConfigProperty property, JsonNode value, LayeredPluginConfig config) {
        if (value == null || value.isNull()) {
            boolean fallsBack = config.fallback(property.key()).filter(v -> !v.isBlank()).isPresent();
            return property.required() && !fallsBack
                    ? "required, and there is no platform value or default to fall back to" : null;
        }
        if (!value.isValueNode()) {
            return "must be a string, number or boolean (or null to clear)";
        }
        String text = text(value);
        if (text.isBlank()) {
            return "must not be blank; send null to clear the value";
        }
        return ConfigValues.problem(property, text).orElse(null);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        return value.asText();
    }

    /** Tells every node to rescan its plugins folder. */
    @Transactional
    public void announceRescan() {
        settings.bump();
    }

    /** Audits a rescan's result. */
    @Transactional
    public void auditRescan(PluginRegistry.RescanResult result, Actor actor) {
        audit.record(new AuditEvent(actor, "plugin.rescan", null, AuditEvent.SUCCESS, RequestIds.current(), null,
                null, Map.of("loaded", result.loaded(), "unloaded", result.unloaded())));
    }
}

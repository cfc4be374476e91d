package dev.operon.core.plugins;

import dev.operon.sdk.config.ConfigProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration key's current value. A secret's value is never shown: {@code value} is {@code {"set": true}} or
 * {@code {"set": false}}.
 *
 * @param value  the effective value (a string), null when unset, or for a secret whether it is set
 * @param source where the value comes from: {@code admin} (set through the API), {@code platform}
 *               ({@code operon.plugin.<id>.<key>} or its environment variable), {@code default} or {@code unset}
 */
public record ConfigEntry(String key, String type, boolean required, boolean secret, Object value, String source) {

    /** Every declared key of a plugin with its current value. */
    static List<ConfigEntry> of(PluginServices services) {
        LayeredPluginConfig config = (LayeredPluginConfig) services.config();
        return config.declared().values().stream().map(p -> of(p, config)).toList();
    }

    private static ConfigEntry of(ConfigProperty property, LayeredPluginConfig config) {
        Optional<String> value = config.get(property.key());
        Object shown = property.secret() ? Map.of("set", value.filter(v -> !v.isBlank()).isPresent())
                : value.orElse(null);
        return new ConfigEntry(property.key(), property.type().name().toLowerCase(Locale.ROOT), property.required(),
                property.secret(), shown, config.source(property.key()).name().toLowerCase(Locale.ROOT));
    }
}

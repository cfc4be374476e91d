package dev.operon.sdk.testkit;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.PluginConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plugin's configuration in a test: the values the test gave, else the declared defaults. Only declared keys can
 * be read, as on the platform. Values can be changed while the plugin runs with {@link #set}, which validates them
 * like an admin's change.
 */
final class KitConfig implements PluginConfig {

    private final String pluginId;
    private final Map<String, ConfigProperty> declared = new LinkedHashMap<>();
    private final Map<String, String> values = new ConcurrentHashMap<>();

    KitConfig(String pluginId, List<ConfigProperty> properties, Map<String, String> given) {
        this.pluginId = pluginId;
        properties.forEach(p -> declared.put(p.key(), p));
        List<String> problems = ConfigValidation.problems(pluginId, properties, given);
        if (!problems.isEmpty()) {
            throw new PluginRefusedException("plugin " + pluginId + " refused: invalid configuration: "
                    + String.join("; ", problems));
        }
        values.putAll(given);
    }

    @Override
    public Optional<String> get(String key) {
        ConfigProperty property = declared.get(key);
        if (property == null) {
            throw new IllegalArgumentException("plugin " + pluginId + " did not declare configuration key " + key);
        }
        return Optional.ofNullable(values.get(key)).or(() -> Optional.ofNullable(property.defaultValue()));
    }

    @Override
    public Duration getDuration(String key) {
        return ConfigValidation.parseDuration(require(key));
    }

    /** Changes one value as an admin would; an invalid value is refused and nothing changes. */
    void set(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(values);
        if (value == null) {
            next.remove(key);
        } else {
            next.put(key, value);
        }
        List<String> problems = ConfigValidation.problems(pluginId, List.copyOf(declared.values()), next);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
        }
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }
}

package dev.operon.core.plugins;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.PluginConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * A plugin's configuration in three layers, highest first: the value an admin set through the API (stored in
 * {@code plugin_config}), the platform's configuration ({@code operon.plugin.<id>.<key>}, so also the environment
 * variable {@code OPERON_PLUGIN_<ID>_<KEY>}), and the declared default. Only declared keys can be read.
 */
final class LayeredPluginConfig implements PluginConfig {

    /** Where a key's value comes from. */
    enum Source { ADMIN, PLATFORM, DEFAULT, UNSET }

    private final String pluginId;
    private final Map<String, ConfigProperty> declared;
    private final PluginSettings settings;
    private final Config platform;

    /**
     * @param platform the application's configuration, captured once: looking it up from a plugin's thread would
     *                 find another configuration, keyed by the plugin's class loader
     */
    LayeredPluginConfig(String pluginId, List<ConfigProperty> properties, PluginSettings settings, Config platform) {
        this.pluginId = pluginId;
        Map<String, ConfigProperty> byKey = new LinkedHashMap<>();
        for (ConfigProperty property : properties) {
            if (byKey.putIfAbsent(property.key(), property) != null) {
                throw new IllegalArgumentException("configuration key '" + property.key() + "' is declared twice");
            }
        }
        this.declared = byKey;
        this.settings = settings;
        this.platform = platform;
    }

    Map<String, ConfigProperty> declared() {
        return declared;
    }

    @Override
    public Optional<String> get(String key) {
        ConfigProperty property = property(key);
        return settings.override(pluginId, key).or(() -> platformValue(key))
                .or(() -> Optional.ofNullable(property.defaultValue()));
    }

    /** The value below the admin's: platform configuration, then default. */
    Optional<String> fallback(String key) {
        ConfigProperty property = property(key);
        return platformValue(key).or(() -> Optional.ofNullable(property.defaultValue()));
    }

    Source source(String key) {
        ConfigProperty property = property(key);
        if (settings.override(pluginId, key).isPresent()) {
            return Source.ADMIN;
        }
        if (platformValue(key).isPresent()) {
            return Source.PLATFORM;
        }
        return property.defaultValue() != null ? Source.DEFAULT : Source.UNSET;
    }

    private Optional<String> platformValue(String key) {
        return platform.getOptionalValue("operon.plugin." + pluginId + "." + key, String.class);
    }

    private ConfigProperty property(String key) {
        ConfigProperty property = declared.get(key);
        if (property == null) {
            throw new IllegalArgumentException("plugin " + pluginId + " did not declare configuration key " + key);
        }
        return property;
    }

    /** Every problem of the current values, as {@code key: why}; empty when the configuration is valid. */
    List<String> problems() {
        return declared.values().stream()
                .flatMap(p -> ConfigValues.problem(p, get(p.key()).orElse(null)).map(why -> p.key() + ": " + why)
                        .stream())
                .toList();
    }

    @Override
    public Duration getDuration(String key) {
        return ConfigValues.parseDuration(require(key));
    }
}

package dev.operon.core.plugins;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.PluginConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A plugin's configuration read from the platform's configuration ({@code operon.plugin.<id>.<key>}, so also
 * environment variables), with the declared defaults. Only declared keys can be read.
 */
final class MicroProfilePluginConfig implements PluginConfig {

    private final String pluginId;
    private final Map<String, ConfigProperty> declared;

    MicroProfilePluginConfig(String pluginId, List<ConfigProperty> properties) {
        this.pluginId = pluginId;
        this.declared = properties.stream().collect(Collectors.toMap(ConfigProperty::key, Function.identity()));
    }

    @Override
    public Optional<String> get(String key) {
        ConfigProperty property = declared.get(key);
        if (property == null) {
            throw new IllegalArgumentException("plugin " + pluginId + " did not declare configuration key " + key);
        }
        return ConfigProvider.getConfig().getOptionalValue("operon.plugin." + pluginId + "." + key, String.class)
                .or(() -> Optional.ofNullable(property.defaultValue()));
    }

    @Override
    public Duration getDuration(String key) {
        return parseDuration(require(key));
    }

    /** ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 30s, 5m, 2h, 1d or PT30S)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}

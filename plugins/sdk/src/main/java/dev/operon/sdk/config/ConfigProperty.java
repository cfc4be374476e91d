package dev.operon.sdk.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration key of a plugin, set as {@code operon.plugin.<plugin-id>.<key>} (environment
 * {@code OPERON_PLUGIN_<PLUGIN_ID>_<KEY>}) or by an admin through the API. The platform validates values before
 * the plugin starts and before a change is saved; secrets are write-only (never shown or logged).
 *
 * @param key          kebab-case key, for example {@code smtp-host}
 * @param description  what it sets, for admins
 * @param type         how the value is checked
 * @param defaultValue the value when none is set, or null
 * @param required     whether a value (or default) must exist for the plugin to start
 * @param allowed      for {@link ConfigType#ENUM}: the allowed values
 * @param min          for numbers: the smallest allowed value, or null
 * @param max          for numbers: the largest allowed value, or null
 */
public record ConfigProperty(String key, String description, ConfigType type, String defaultValue, boolean required,
                             List<String> allowed, Double min, Double max) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)*");

    public ConfigProperty {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("config key must be kebab-case: " + key);
        }
        description = description == null ? "" : description;
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        if (type == ConfigType.ENUM && allowed.isEmpty()) {
            throw new IllegalArgumentException("enum config key " + key + " needs allowed values");
        }
    }

    /** An optional key of {@code type} with a default. */
    public static ConfigProperty of(String key, ConfigType type, String defaultValue, String description) {
        return new ConfigProperty(key, description, type, defaultValue, false, List.of(), null, null);
    }

    /** A key that must be set (no default). */
    public static ConfigProperty required(String key, ConfigType type, String description) {
        return new ConfigProperty(key, description, type, null, true, List.of(), null, null);
    }

    /** A write-only secret, such as a password or a token. */
    public static ConfigProperty secret(String key, boolean required, String description) {
        return new ConfigProperty(key, description, ConfigType.SECRET, null, required, List.of(), null, null);
    }

    /** A number key bounded by {@code min} and {@code max}. */
    public ConfigProperty between(double minimum, double maximum) {
        return new ConfigProperty(key, description, type, defaultValue, required, allowed, minimum, maximum);
    }

    /** An enum key. */
    public static ConfigProperty oneOf(String key, List<String> values, String defaultValue, String description) {
        return new ConfigProperty(key, description, ConfigType.ENUM, defaultValue, false, values, null, null);
    }

    public boolean secret() {
        return type == ConfigType.SECRET;
    }
}

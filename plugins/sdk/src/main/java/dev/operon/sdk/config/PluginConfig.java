package dev.operon.sdk.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A plugin's validated configuration. Values may change while the plugin runs (an admin edits them): read them when
 * needed rather than caching them at start. Reading a key the plugin did not declare throws
 * {@link IllegalArgumentException}. Thread-safe.
 */
public interface PluginConfig {

    /** The value or the default; empty when neither is set. */
    Optional<String> get(String key);

    /** The value or the default; throws {@link IllegalStateException} when neither is set. */
    default String require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException("configuration key " + key + " is not set"));
    }

    default int getInt(String key) {
        return Integer.parseInt(require(key).trim());
    }

    default double getDouble(String key) {
        return Double.parseDouble(require(key).trim());
    }

    default boolean getBoolean(String key) {
        return Boolean.parseBoolean(require(key).trim());
    }

    /** A {@link ConfigType#DURATION} value. */
    Duration getDuration(String key);
}

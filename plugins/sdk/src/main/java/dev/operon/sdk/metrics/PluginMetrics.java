package dev.operon.sdk.metrics;

import java.util.function.Supplier;

/**
 * A plugin's metrics, exported to Prometheus as {@code operon_plugin_<name>} with the tag {@code plugin}. Tags are
 * given as alternating names and values: {@code increment("alerts.sent", 1, "channel", "email")}. Thread-safe.
 */
public interface PluginMetrics {

    /** Adds {@code amount} to a counter. */
    void increment(String name, double amount, String... tags);

    /** Records one observation of a distribution (a duration in seconds, a size, a score). */
    void record(String name, double value, String... tags);

    /** Registers a gauge read from {@code value} whenever metrics are scraped. */
    void gauge(String name, Supplier<Number> value, String... tags);
}

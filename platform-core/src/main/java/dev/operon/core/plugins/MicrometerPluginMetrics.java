package dev.operon.core.plugins;

import dev.operon.sdk.metrics.PluginMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.Supplier;

/** A plugin's metrics on the platform's Micrometer registry: {@code operon.plugin.<name>}, tagged with the plugin. */
final class MicrometerPluginMetrics implements PluginMetrics {

    private final MeterRegistry registry;
    private final String pluginId;

    MicrometerPluginMetrics(MeterRegistry registry, String pluginId) {
        this.registry = registry;
        this.pluginId = pluginId;
    }

    @Override
    public void increment(String name, double amount, String... tags) {
        registry.counter(meter(name), tags(tags)).increment(amount);
    }

    @Override
    public void record(String name, double value, String... tags) {
        DistributionSummary.builder(meter(name)).tags(tags(tags)).register(registry).record(value);
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
        Gauge.builder(meter(name), value, v -> {
            Number current = v.get();
            return current == null ? Double.NaN : current.doubleValue();
        }).tags(tags(tags)).strongReference(true).register(registry);
    }

    private static String meter(String name) {
        return "operon.plugin." + name;
    }

    private Tags tags(String[] pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in name/value pairs");
        }
        return Tags.of(pairs).and("plugin", pluginId);
    }
}

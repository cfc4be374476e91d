package dev.operon.sdk.testkit;

import dev.operon.sdk.metrics.PluginMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The plugin's metrics, kept in memory so a test can read them back. A meter is named by its name and tags; tags
 * are name/value pairs and their order does not matter, as on the platform. Thread-safe.
 */
public final class RecordedMetrics implements PluginMetrics {

    private final Map<String, Double> counters = new ConcurrentHashMap<>();
    private final Map<String, List<Double>> observations = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

    @Override
    public void increment(String name, double amount, String... tags) {
        counters.merge(key(name, tags), amount, Double::sum);
    }

    @Override
    public void record(String name, double value, String... tags) {
        List<Double> values = observations.computeIfAbsent(key(name, tags), k -> new ArrayList<>());
        synchronized (values) {
            values.add(value);
        }
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
        gauges.put(key(name, tags), value);
    }

    /** A counter's total; 0 when it was never incremented. */
    public double counter(String name, String... tags) {
        return counters.getOrDefault(key(name, tags), 0.0);
    }

    /** Every value recorded for a distribution, oldest first. */
    public List<Double> observations(String name, String... tags) {
        List<Double> values = observations.getOrDefault(key(name, tags), List.of());
        synchronized (values) {
            return List.copyOf(values);
        }
    }

    /** A gauge's current value, read now, or empty when none was registered. */
    public Optional<Double> gauge(String name, String... tags) {
        Supplier<Number> supplier = gauges.get(key(name, tags));
        if (supplier == null) {
            return Optional.empty();
        }
        Number value = supplier.get();
        return Optional.of(value == null ? Double.NaN : value.doubleValue());
    }

    /** Every meter recorded so far, as {@code name{tag=value,...}}. */
    public Set<String> meters() {
        Set<String> all = new TreeSet<>(counters.keySet());
        all.addAll(observations.keySet());
        all.addAll(gauges.keySet());
        return all;
    }

    private static String key(String name, String[] tags) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a metric needs a name");
        }
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in name/value pairs");
        }
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < tags.length; i += 2) {
            sorted.put(tags[i], tags[i + 1]);
        }
        return name + sorted.toString().replace(", ", ",");
    }
}

package dev.operon.plugins.anomaly.metrics;

import dev.operon.plugins.anomaly.model.SeriesSource;
import dev.operon.sdk.data.PluginData;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored series as history for model training: series named {@code name{k=v,...}} (as the incident list names
 * them), values of their points in time order. Usable once the plugin has started and given it its data.
 */
public final class StoredSeriesSource implements SeriesSource {

    private volatile PluginData data;

    /** Called from the plugin's start. */
    public void use(PluginData value) {
        this.data = value;
    }

    @Override
    public List<String> seriesNames() throws Exception {
        PluginData d = data;
        if (d == null) {
            return List.of();
        }
        return d.inTransaction(c -> SeriesStore.all(c).stream().map(StoredSeriesSource::display).toList());
    }

    @Override
    public double[] values(String series, Instant from, Instant to) throws Exception {
        PluginData d = data;
        if (d == null) {
            return new double[0];
        }
        return d.inTransaction(c -> {
            Optional<Series> found = find(c, series);
            if (found.isEmpty()) {
                return new double[0];
            }
            List<Double> values = new ArrayList<>();
            Instant cursor = from;
            while (true) {
                List<Point> page = PointStore.between(c, found.get().id(), cursor, to, 10_000);
                page.forEach(p -> values.add(p.value()));
                if (page.size() < 10_000) {
                    break;
                }
                cursor = page.get(page.size() - 1).ts().plusNanos(1000);
            }
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        });
    }

    static String display(Series s) {
        return s.name() + (s.labels().isEmpty() ? "" : "{" + SeriesOperations.labelText(s.labels()) + "}");
    }

    private static Optional<Series> find(Connection c, String display) throws java.sql.SQLException {
        return SeriesStore.all(c).stream().filter(s -> display(s).equals(display)).findFirst();
    }
}

package dev.operon.plugins.anomaly.alerts;

import dev.operon.plugins.anomaly.metrics.Labels;
import dev.operon.plugins.anomaly.metrics.Series;
import java.util.List;
import java.util.Map;

/**
 * An alert rule: series it watches (by name, by labels, or both; neither means every series), the anomaly
 * likelihood that counts as anomalous, how long the anomaly must last before an incident opens, how long the series
 * must be back to normal before it resolves, its severity and whom to tell.
 */
public record Rule(long id, String name, String seriesName, Map<String, String> labelMatch, double threshold,
                   int minDurationSeconds, int resolveAfterSeconds, String severity, boolean enabled,
                   List<Target> targets) {

    /** Whether this rule watches {@code series}. */
    public boolean watches(Series series) {
        return (seriesName == null || seriesName.equals(series.name())) && Labels.matches(series.labels(), labelMatch);
    }
}

package dev.operon.plugins.anomaly.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * One metric series: a name and a label set, with the detector settings it is scored with.
 *
 * @param id          its id
 * @param name        metric name
 * @param labels      label set, sorted
 * @param source      {@code pushed} (through the points API) or {@code derived} (from events)
 * @param detector    detector name, null for the plugin's default
 * @param sensitivity detector sensitivity, 1 neutral (feedback moves it)
 * @param scoredUntil time of the last scored point, null before the first
 */
public record Series(long id, String name, Map<String, String> labels, String source, String detector,
                     double sensitivity, Instant scoredUntil) {
}

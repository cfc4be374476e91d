package dev.operon.plugins.anomaly.metrics;

import java.time.Instant;

/**
 * One stored point of a series.
 *
 * @param ts    its time
 * @param value its value
 * @param score its anomaly likelihood, null while not scored
 */
public record Point(Instant ts, double value, Double score) {
}

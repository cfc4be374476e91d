package dev.operon.core.runs;

/** One point of a series a run reported. */
public record MetricPoint(String series, int step, double value) {
}

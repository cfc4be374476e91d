package dev.operon.plugins.anomaly.model;

/** The forecast of the value following the input window, in the series' own units. */
public record ForecastOutput(double expected) {
}

package dev.operon.plugins.anomaly.model;

/** A forecast request: the series' last {@link WindowEncoding#WIDTH} observed values, oldest first. */
public record ForecastInput(double[] recent) {
}

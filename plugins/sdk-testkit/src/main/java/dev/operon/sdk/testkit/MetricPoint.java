package dev.operon.sdk.testkit;

/**
 * One point of a series a task recorded with {@code TaskContext.metric} (a loss curve, an accuracy per epoch).
 *
 * @param series the series name, such as {@code train_loss}
 * @param step   the x value (epoch, iteration)
 * @param value  the y value
 */
public record MetricPoint(String series, int step, double value) {
}

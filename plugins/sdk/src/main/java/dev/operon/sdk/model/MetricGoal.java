package dev.operon.sdk.model;

import java.util.Objects;

/**
 * The metric a model type is judged by.
 *
 * @param name          a key of {@link ModelDraft#validationMetrics()}, for example {@code accuracy} or {@code rmse}
 * @param higherIsBetter true for accuracy-like metrics, false for error-like ones
 */
public record MetricGoal(String name, boolean higherIsBetter) {

    public MetricGoal {
        Objects.requireNonNull(name, "name");
    }

    public static MetricGoal maximise(String name) {
        return new MetricGoal(name, true);
    }

    public static MetricGoal minimise(String name) {
        return new MetricGoal(name, false);
    }

    /** True when {@code challenger} beats {@code champion} by more than {@code margin} (absolute). */
    public boolean beats(double challenger, double champion, double margin) {
        return higherIsBetter ? challenger > champion + margin : challenger < champion - margin;
    }
}

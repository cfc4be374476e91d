package dev.operon.plugins.behaviour.churn;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Parameters of {@code behaviour.churn-score}.
 *
 * @param lookbackDays features come from this many days of events before now (default: the configuration)
 */
public record ChurnScoreInput(@Min(1) @Max(3650) Integer lookbackDays) {
}

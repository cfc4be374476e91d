package dev.operon.plugins.behaviour.churn;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;

/**
 * Parameters of {@code behaviour.churn-train}; every one is optional and defaults to the configuration.
 *
 * @param horizonDays  churn = no event in this many days after a cutoff
 * @param lookbackDays features come from this many days of events before a cutoff
 * @param asOf         the end of the data (ISO-8601 instant), default now: the holdout cutoff is
 *                     {@code asOf - horizon}, the training cutoff one horizon earlier
 * @param seed         training seed (default 42)
 */
public record ChurnTrainInput(@Min(1) @Max(3650) Integer horizonDays, @Min(1) @Max(3650) Integer lookbackDays,
                              Instant asOf, Integer seed) {
}

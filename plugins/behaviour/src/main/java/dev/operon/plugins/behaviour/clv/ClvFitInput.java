package dev.operon.plugins.behaviour.clv;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Parameters of {@code behaviour.clv-fit}; optional, defaulting to the configuration.
 *
 * @param revenueProperty the event property holding a purchase's value
 * @param horizonDays     expected purchases and value are for this many days after today
 */
public record ClvFitInput(String revenueProperty, @Min(1) @Max(3650) Integer horizonDays) {
}

package dev.operon.plugins.recommend.train;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;

/**
 * Input of {@code recommend.train}; every field is optional.
 *
 * @param models     comma-separated kinds to train (default: the {@code models} setting)
 * @param windowDays days of events to read (default: {@code training-window-days})
 * @param asOf       ISO-8601 end of the data window (default: now)
 * @param seed       random seed of splits and training (default 42)
 */
public record TrainInput(String models, @Min(1) @Max(3650) Integer windowDays, Instant asOf, Long seed) {
}

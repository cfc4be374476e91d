package dev.operon.core.runs;

import java.time.Instant;

/** One entry of a run's state history. */
public record StateChange(String state, int attempt, Instant at, String reason) {
}

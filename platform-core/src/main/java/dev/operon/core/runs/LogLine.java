package dev.operon.core.runs;

import java.time.Instant;

/** One stored line of a run's log. */
public record LogLine(int seq, Instant at, String level, String message) {
}

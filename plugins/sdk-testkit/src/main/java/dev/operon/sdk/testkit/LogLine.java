package dev.operon.sdk.testkit;

import java.time.Instant;

/**
 * One line a task wrote to its run's log.
 *
 * @param at      when it was written
 * @param level   {@code debug}, {@code info}, {@code warn} or {@code error}
 * @param message the text
 */
public record LogLine(Instant at, String level, String message) {
}

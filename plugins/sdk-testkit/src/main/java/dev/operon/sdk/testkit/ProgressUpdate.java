package dev.operon.sdk.testkit;

/**
 * One progress report of a task, as the platform would store it.
 *
 * @param percent 0 to 100 (values outside are clamped, as the platform does)
 * @param message what was being done, may be null
 */
public record ProgressUpdate(int percent, String message) {
}

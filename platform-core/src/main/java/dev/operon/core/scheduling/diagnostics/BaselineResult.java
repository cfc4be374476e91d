package dev.operon.core.scheduling.diagnostics;

/**
 * What the bare-Quartz probe measured.
 *
 * @param jobs             one-shot jobs scheduled (and all completed)
 * @param seconds          from the first job scheduled to the last one completed
 * @param perSecond        {@code jobs / seconds}
 * @param scheduledSeconds how long scheduling them took (jobs already run meanwhile): when close to {@code seconds},
 *                         scheduling rather than firing was the limit
 */
public record BaselineResult(int jobs, double seconds, double perSecond, double scheduledSeconds) {
}

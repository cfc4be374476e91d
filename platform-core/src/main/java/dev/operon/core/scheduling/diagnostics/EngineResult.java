package dev.operon.core.scheduling.diagnostics;

/**
 * What the engine probe measured.
 *
 * @param runs          {@code core.noop} runs queued (and all ended)
 * @param seconds       from the first run requested to the last one ended
 * @param perSecond     {@code runs / seconds}
 * @param failed        runs that ended in a state other than succeeded
 * @param queuedSeconds how long requesting them took (runs already ran meanwhile): when close to {@code seconds},
 *                      requesting rather than running was the limit
 */
public record EngineResult(int runs, double seconds, double perSecond, long failed, double queuedSeconds) {
}

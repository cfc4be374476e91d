package dev.operon.examples.imageclassifier;

import java.time.Instant;

/**
 * The model currently answering classifications.
 *
 * @param trained            whether there is a champion at all
 * @param version            its version, or null
 * @param validationAccuracy its validation accuracy in percent, or null
 * @param registeredAt       when it was registered, or null
 */
public record ModelInfo(boolean trained, Integer version, Double validationAccuracy, Instant registeredAt) {
}

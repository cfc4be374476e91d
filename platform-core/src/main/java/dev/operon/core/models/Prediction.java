package dev.operon.core.models;

/**
 * A prediction and the version that made it.
 *
 * @param modelType the model type
 * @param version   the champion version that answered
 * @param output    what the model predicted
 */
public record Prediction<O>(String modelType, int version, O output) {
}

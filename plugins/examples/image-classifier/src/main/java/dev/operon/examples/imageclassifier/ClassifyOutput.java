package dev.operon.examples.imageclassifier;

import java.util.Map;

/**
 * The answer of the {@code classify} operation.
 *
 * @param label         the most likely class
 * @param confidence    its probability, 0 to 1
 * @param probabilities every class's probability
 * @param modelVersion  the model version that answered
 */
public record ClassifyOutput(String label, double confidence, Map<String, Double> probabilities, int modelVersion) {
}

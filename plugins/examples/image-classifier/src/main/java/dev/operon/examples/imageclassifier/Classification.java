package dev.operon.examples.imageclassifier;

import java.util.Map;

/**
 * What the CNN says about one image.
 *
 * @param label         the most likely class
 * @param confidence    its probability
 * @param probabilities every class's probability, in the model's class order
 */
public record Classification(String label, double confidence, Map<String, Double> probabilities) {
}

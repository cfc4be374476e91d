package dev.operon.examples.imageclassifier;

import java.time.Instant;

/**
 * One classification this node answered, for the console's table.
 *
 * @param at           when
 * @param label        the answer
 * @param confidence   its probability
 * @param modelVersion the model version that answered
 */
public record RecentResult(Instant at, String label, double confidence, int modelVersion) {
}

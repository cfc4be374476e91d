package dev.operon.plugins.cs.understanding;

/**
 * What the classifier says about one message.
 *
 * @param label      the intent, or {@code oos} when the message fits none (only when trained with {@code oos})
 * @param confidence the probability of {@code label}; for an out-of-scope verdict forced by the threshold, one minus
 *                   the top intent's probability
 * @param topIntent  the most probable label before the out-of-scope threshold
 * @param topProbability its probability
 */
public record IntentPrediction(String label, double confidence, String topIntent, double topProbability) {
}

package dev.operon.plugins.cs.understanding;

/**
 * Which class probabilities an intent model serves: its classifier's, the fine-tuning head's (the linear layer
 * trained end to end with the English encoder), or the average of the two. Chosen by validation accuracy
 * ({@link ScorerChoice}).
 */
public enum IntentScorer {
    /** The classifier fitted over the message vectors. */
    CLASSIFIER,
    /** The fine-tuning head over the fine-tuned English sentence vector. */
    HEAD,
    /** The mean of the classifier's and the head's probabilities. */
    AVERAGE;

    /** Lowercase name, as printed and stored in a model's properties. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

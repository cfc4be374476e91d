package dev.operon.plugins.cs.understanding;

import dev.operon.plugins.cs.understanding.minilm.EncoderFineTuner;

/**
 * How the intent classifier is trained: one configuration for every data set (no tuning per data set).
 *
 * @param hidden          units of the hidden layer
 * @param dropout         dropout rate after the hidden layer
 * @param epochs          passes over the training rows (class-balanced draws, as many as there are rows)
 * @param batchSize       rows per step
 * @param learningRate    Adam's learning rate
 * @param weightDecay     L2 penalty
 * @param validationShare share of each class held out to calibrate the out-of-scope threshold and to measure
 * @param seed            seed of the split, the initialisation and the sampling
 * @param fineTune        how the English encoder is fine-tuned before the classifier is fitted over it (the
 *                        fine-tuned encoder is kept only when its classifier's validation accuracy beats the
 *                        pretrained encoder's); null: the pretrained encoder only
 */
public record IntentSettings(int hidden, float dropout, int epochs, int batchSize, float learningRate,
                             float weightDecay, double validationShare, long seed, EncoderFineTuner.Settings fineTune) {

    /**
     * Epochs of encoder fine-tuning in the standard configuration (0: none): 4 gave a better classifier on the
     * BANKING77 validation hold-out than 2 (0.9363 against 0.9343; docs/benchmarks.md); the best epoch is kept.
     */
    public static final int DEFAULT_FINE_TUNE_EPOCHS = 4;

    /** The configuration used everywhere. */
    public static final IntentSettings DEFAULT = new IntentSettings(512, 0.2f, 30, 64, 1e-3f, 1e-4f, 0.1, 20261130L,
            null).withFineTuneEpochs(DEFAULT_FINE_TUNE_EPOCHS);

    /** The same with another number of epochs (tests use few). */
    public IntentSettings withEpochs(int value) {
        return new IntentSettings(hidden, dropout, value, batchSize, learningRate, weightDecay, validationShare, seed,
                fineTune);
    }

    /** The same with other fine-tuning settings (null: none). */
    public IntentSettings withFineTune(EncoderFineTuner.Settings value) {
        return new IntentSettings(hidden, dropout, epochs, batchSize, learningRate, weightDecay, validationShare, seed,
                value);
    }

    /** The same with {@code value} epochs of the standard fine-tuning (0: none). */
    public IntentSettings withFineTuneEpochs(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("fine-tuning epochs must be 0 or more, got " + value);
        }
        return withFineTune(value == 0 ? null : EncoderFineTuner.Settings.DEFAULT.withEpochs(value)
                .withSeed(seed).withValidationShare(validationShare));
    }
}

package dev.operon.plugins.cs.understanding;

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
 */
public record IntentSettings(int hidden, float dropout, int epochs, int batchSize, float learningRate,
                             float weightDecay, double validationShare, long seed) {

    /** The configuration used everywhere. */
    public static final IntentSettings DEFAULT = new IntentSettings(512, 0.2f, 30, 64, 1e-3f, 1e-4f, 0.1, 20261130L);

    /** The same with another number of epochs (tests use few). */
    public IntentSettings withEpochs(int value) {
        return new IntentSettings(hidden, dropout, value, batchSize, learningRate, weightDecay, validationShare, seed);
    }
}

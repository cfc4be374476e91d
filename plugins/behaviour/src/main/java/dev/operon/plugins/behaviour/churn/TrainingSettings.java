package dev.operon.plugins.behaviour.churn;

/**
 * How the churn network is trained. One configuration serves every data set (it was chosen by cross-validation
 * inside training data only, never on a test split): {@link #DEFAULT}.
 *
 * @param seed          seeds fold assignment, shuffling, initialisation and dropout: same data, same model
 * @param members       ensemble members; member k trains on all folds but fold k and stops early on fold k
 * @param hidden        hidden units of each member's MLP
 * @param dropout       dropout rate after the hidden layer
 * @param learningRate  Adam's learning rate
 * @param weightDecay   L2 penalty on every parameter
 * @param batchSize     rows per gradient step (raised for large data, see {@link #batchFor})
 * @param maxEpochs     upper bound of epochs per member (lowered for large data, see {@link #epochsFor})
 * @param patience      epochs without a better validation loss before a member stops
 */
public record TrainingSettings(long seed, int members, int hidden, float dropout, float learningRate,
                               float weightDecay, int batchSize, int maxEpochs, int patience) {

    /**
     * Weight decay 4e-3 (was 1e-3): out-of-fold ROC-AUC inside the Telco training part 0.8548 at 1e-3, 0.8562 at
     * 4e-3, 0.8561 at 1e-2 (docs/benchmarks.md, churn section); the test part played no part in the choice.
     */
    public static final TrainingSettings DEFAULT = new TrainingSettings(42, 5, 32, 0.2f, 0.01f, 4e-3f, 512, 200,
            10);

    /** Rows seen per member at most, so that very large files still train in minutes. */
    static final long ROW_BUDGET = 20_000_000L;

    public TrainingSettings withSeed(long value) {
        return new TrainingSettings(value, members, hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs,
                patience);
    }

    public TrainingSettings withMembers(int value) {
        return new TrainingSettings(seed, value, hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs,
                patience);
    }

    public TrainingSettings withMaxEpochs(int value) {
        return new TrainingSettings(seed, members, hidden, dropout, learningRate, weightDecay, batchSize, value,
                patience);
    }

    int batchFor(int rows) {
        return rows > 200_000 ? Math.max(batchSize, 2048) : batchSize;
    }

    int epochsFor(int rows) {
        long fit = ROW_BUDGET / Math.max(1, rows);
        return (int) Math.max(5, Math.min(maxEpochs, fit));
    }
}

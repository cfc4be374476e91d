package dev.operon.plugins.cs.understanding;

/** Told about training progress; may stop it by throwing (a cancelled task). */
public interface TrainingMonitor {

    /** Nothing to report to. */
    TrainingMonitor NONE = (phase, epoch, epochs, loss) -> { };

    /**
     * After each epoch.
     *
     * @param phase  {@code validation} (the model trained without the validation rows) or {@code final}; prefixed
     *               {@code fine-tuned } for the classifier over the fine-tuned encoder
     */
    void epoch(String phase, int epoch, int epochs, double loss);

    /** After each step of encoder fine-tuning ({@code step} counts from 1 in each epoch). */
    default void fineTuneStep(int epoch, int epochs, int step, int steps, double loss) {
    }

    /**
     * After a step of encoder fine-tuning that was left out because its loss or gradients were not finite;
     * {@code why} says which.
     */
    default void fineTuneSkipped(int epoch, int step, String why) {
    }

    /** After each epoch of encoder fine-tuning; {@code accuracy} on the held-out rows. */
    default void fineTuneEpoch(int epoch, int epochs, double loss, double accuracy, double seconds) {
    }
}

package dev.operon.plugins.cs.understanding;

/** Told about training progress; may stop it by throwing (a cancelled task). */
public interface TrainingMonitor {

    /** Nothing to report to. */
    TrainingMonitor NONE = (phase, epoch, epochs, loss) -> { };

    /**
     * After each epoch.
     *
     * @param phase  {@code validation} (the model trained without the validation rows) or {@code final}
     */
    void epoch(String phase, int epoch, int epochs, double loss);
}

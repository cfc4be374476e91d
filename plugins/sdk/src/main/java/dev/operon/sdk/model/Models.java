package dev.operon.sdk.model;

import java.util.List;
import java.util.Optional;

/**
 * A plugin's models: predicting with the champion of each model type it declares, and registering new versions.
 * Thread-safe; predictions may be called concurrently from many threads.
 */
public interface Models {

    /**
     * Registers a trained version. Inside a task, the version is stored only if the task then succeeds (a failed or
     * cancelled training leaves nothing behind); it becomes champion when it beats the current one on the type's
     * primary metric by the configured margin, or when there is none.
     */
    void register(ModelDraft draft);

    /** Predicts with the champion of {@code modelType}. */
    <I, O> O predict(String modelType, I input) throws ModelUnavailableException;

    /** Predicts a batch with the champion of {@code modelType}, in one forward pass where the translator batches. */
    <I, O> List<O> predictBatch(String modelType, List<I> inputs) throws ModelUnavailableException;

    /** The current champion of {@code modelType}, if any. */
    Optional<ModelVersion> champion(String modelType);

    /**
     * Every stored version of {@code modelType} (candidates, champion, archived), oldest first, with the validation
     * metrics each was registered with: what a leaderboard shows. Added in SDK 1.2 as a default method; this default
     * answers the champion only, for a platform that cannot list versions.
     */
    default List<ModelVersion> versions(String modelType) {
        return champion(modelType).map(List::of).orElse(List.of());
    }
}

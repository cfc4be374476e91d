package dev.operon.core.models;

import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.task.PermanentTaskFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The models of one task attempt. {@link #register} validates the draft and zips its folder at once (a bad draft
 * fails the task there, and the task may delete the folder right after), but stores nothing: the run executor
 * {@link #commit commits} the drafts in the transaction that records the attempt's success, and
 * {@link #discard discards} them otherwise. A failed, cancelled or timed-out training registers nothing.
 * Predictions are the plugin's, as outside a task.
 */
public final class AttemptModels extends PluginModels {

    private final List<StagedVersion> staged = new ArrayList<>();

    AttemptModels(String pluginId, ModelRegistry registry, ModelServing serving) {
        super(pluginId, registry, serving);
    }

    /** Stages the draft; refuses it with a {@link PermanentTaskFailure} saying why (retrying cannot fix it). */
    @Override
    public synchronized void register(ModelDraft draft) {
        try {
            staged.add(onPlatformLoader(() -> registry.stage(pluginId, draft)));
        } catch (IllegalArgumentException e) {
            throw new PermanentTaskFailure(e.getMessage(), e);
        }
    }

    /** True when the attempt registered something. */
    public synchronized boolean hasDrafts() {
        return !staged.isEmpty();
    }

    /**
     * Stores the staged versions of the succeeded run {@code runId}, in the caller's transaction, and tells
     * {@code log} what became of each (champion or candidate, and why).
     */
    public synchronized void commit(long runId, Consumer<String> log) {
        registry.store(List.copyOf(staged), runId).forEach(log);
    }

    /** Deletes the staged files; call once the attempt is over, committed or not. */
    public synchronized void discard() {
        staged.forEach(StagedVersion::discard);
        staged.clear();
    }
}

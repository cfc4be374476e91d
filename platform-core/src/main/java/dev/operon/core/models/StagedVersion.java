package dev.operon.core.models;

import dev.operon.sdk.model.ModelDraft;

/**
 * A validated draft with its folder already zipped (so the task may delete the folder at once), waiting to be
 * stored: at once outside a task, when the attempt succeeds inside one.
 */
record StagedVersion(String pluginId, ModelDraft draft, Artifacts.Zipped artifact) {

    void discard() {
        Artifacts.deleteQuietly(artifact.file());
    }
}

package dev.operon.sdk.testkit;

import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.model.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The models as one task run sees them: predictions go to the registry, registrations are checked at once but held
 * until the run succeeds, as on the platform.
 */
final class RunModels implements Models {

    private final TestModels registry;
    private final List<ModelDraft> drafts = new ArrayList<>();

    RunModels(TestModels registry) {
        this.registry = registry;
    }

    @Override
    public synchronized void register(ModelDraft draft) {
        registry.check(draft);
        drafts.add(draft);
    }

    @Override
    public <I, O> O predict(String modelType, I input) {
        return registry.predict(modelType, input);
    }

    @Override
    public <I, O> List<O> predictBatch(String modelType, List<I> inputs) {
        return registry.predictBatch(modelType, inputs);
    }

    @Override
    public Optional<ModelVersion> champion(String modelType) {
        return registry.champion(modelType);
    }

    @Override
    public List<ModelVersion> versions(String modelType) {
        return registry.versions(modelType);
    }

    synchronized List<ModelDraft> drafts() {
        return List.copyOf(drafts);
    }

    /** Stores every held draft; called once the run succeeded. */
    List<ModelVersion> commit() {
        return drafts().stream().map(registry::store).toList();
    }
}

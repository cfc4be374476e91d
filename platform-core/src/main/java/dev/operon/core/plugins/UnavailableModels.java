package dev.operon.core.plugins;

import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.ModelUnavailableException;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.model.Models;
import java.util.List;
import java.util.Optional;

/**
 * Models for a node without the model lifecycle (not built yet): every call says so. Replaced by the model
 * registry (issue 3).
 */
final class UnavailableModels implements Models {

    static final UnavailableModels INSTANCE = new UnavailableModels();

    @Override
    public void register(ModelDraft draft) {
        throw new ModelUnavailableException("the model registry is not available on this platform version");
    }

    @Override
    public <I, O> O predict(String modelType, I input) {
        throw new ModelUnavailableException("the model registry is not available on this platform version");
    }

    @Override
    public <I, O> List<O> predictBatch(String modelType, List<I> inputs) {
        throw new ModelUnavailableException("the model registry is not available on this platform version");
    }

    @Override
    public Optional<ModelVersion> champion(String modelType) {
        return Optional.empty();
    }
}

package dev.operon.core.models;

import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.ModelUnavailableException;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.model.Models;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A plugin's models outside a task (its plugin context and operations): predictions with the champions of the
 * model types it declares, and registration stored at once (there is no run whose success to wait for).
 */
class PluginModels implements Models {

    final String pluginId;
    final ModelRegistry registry;
    private final ModelServing serving;

    PluginModels(String pluginId, ModelRegistry registry, ModelServing serving) {
        this.pluginId = pluginId;
        this.registry = registry;
        this.serving = serving;
    }

    @Override
    public void register(ModelDraft draft) {
        onPlatformLoader(() -> {
            StagedVersion staged = registry.stage(pluginId, draft);
            try {
                registry.store(List.of(staged), null);
            } finally {
                staged.discard();
            }
            return null;
        });
    }

    @Override
    public <I, O> O predict(String modelType, I input) throws ModelUnavailableException {
        return onPlatformLoader(() -> serving.<I, O>predict(own(modelType), input).output());
    }

    @Override
    public <I, O> List<O> predictBatch(String modelType, List<I> inputs) throws ModelUnavailableException {
        return onPlatformLoader(() -> serving.<I, O>predictBatch(own(modelType), inputs).output());
    }

    @Override
    public Optional<ModelVersion> champion(String modelType) {
        return onPlatformLoader(() -> registry.champion(own(modelType)).map(RegisteredVersion::toSdk));
    }

    @Override
    public List<ModelVersion> versions(String modelType) {
        return onPlatformLoader(() -> registry.versions(own(modelType)).stream().map(RegisteredVersion::toSdk)
                .toList());
    }

    /**
     * Runs platform code called from a plugin's thread with the platform's class loader as context loader: the
     * plugin's loader cannot see the platform's configuration and beans, which CDI and SmallRye Config look up
     * through the context loader.
     */
    static <T> T onPlatformLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PluginModels.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private String own(String modelType) {
        if (modelType == null || !modelType.startsWith(pluginId + ".")) {
            throw new IllegalArgumentException("model type '" + modelType + "' is not declared by plugin " + pluginId);
        }
        return modelType;
    }
}

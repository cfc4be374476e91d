package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.cli.OfflineRecommendCommand;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.RecommenderModelType;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.task.TaskType;
import java.util.Arrays;
import java.util.List;

/** What the models side of the plugin declares: its task, model types, offline command and settings. */
public final class ModelPluginParts {

    private ModelPluginParts() {
    }

    public static List<TaskType<?, ?>> tasks() {
        return List.of(new RecommendTrainTask());
    }

    /** One model type per kind: {@code recommend.popularity}, {@code recommend.item-knn}, ... */
    public static List<ModelType<?, ?>> models() {
        return Arrays.stream(ModelKind.values()).<ModelType<?, ?>>map(RecommenderModelType::new).toList();
    }

    public static List<OfflineCommand> commands() {
        return List.of(new OfflineRecommendCommand());
    }

    public static List<ConfigProperty> config() {
        return RecommendConfig.properties();
    }
}

package dev.operon.plugins.recommend;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.plugins.recommend.train.ModelPluginParts;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/** Personalised recommendations trained on events: popularity, item-kNN, BPR, EASE and a sequential Transformer, served online with business rules. */
public final class RecommendPlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "recommend";

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Recommendation", "0.1.0", "[1.2,2.0)",
                "Personalised recommendations trained on events: popularity, item-kNN, BPR, EASE and a sequential Transformer, served online with business rules.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return ModelPluginParts.tasks();
    }

    @Override
    public List<ModelType<?, ?>> models() {
        return ModelPluginParts.models();
    }

    @Override
    public List<OfflineCommand> commands() {
        return ModelPluginParts.commands();
    }

    @Override
    public List<ConfigProperty> config() {
        return ModelPluginParts.config();
    }
}

package dev.operon.plugins.recommend;

import dev.operon.plugins.recommend.catalog.CatalogCache;
import dev.operon.plugins.recommend.catalog.CatalogOperations;
import dev.operon.plugins.recommend.catalog.ImportItemsTask;
import dev.operon.plugins.recommend.coldstart.PopularLists;
import dev.operon.plugins.recommend.coldstart.PopularityRefreshTask;
import dev.operon.plugins.recommend.demo.RecommendDemo;
import dev.operon.plugins.recommend.experiments.ExperimentOperations;
import dev.operon.plugins.recommend.feedback.FeedbackAggregateTask;
import dev.operon.plugins.recommend.feedback.FeedbackOperations;
import dev.operon.plugins.recommend.panels.PanelOperations;
import dev.operon.plugins.recommend.panels.RecommendPanels;
import dev.operon.plugins.recommend.privacy.RecommendPersonalData;
import dev.operon.plugins.recommend.serving.RecommendService;
import dev.operon.plugins.recommend.serving.ServedModels;
import dev.operon.plugins.recommend.serving.ServingConfig;
import dev.operon.plugins.recommend.serving.ServingOperations;
import dev.operon.plugins.recommend.service.RecommendationsService;
import dev.operon.plugins.recommend.train.ModelPluginParts;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.privacy.PersonalData;
import dev.operon.sdk.recommend.Recommendations;
import dev.operon.sdk.service.ServiceOffer;
import dev.operon.sdk.task.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Personalised recommendations trained on events: popularity, item-kNN, BPR, EASE and a sequential Transformer,
 * served online with business rules, an item catalogue, a feedback loop with an A/B split, and console panels.
 */
public final class RecommendPlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "recommend";

    private final CatalogCache catalog = new CatalogCache();
    private final PopularLists popular = new PopularLists();
    private final ServedModels served = new ServedModels(ServedModels.Settings.DEFAULT);
    private final RecommendService service = new RecommendService(catalog, served, popular);
    private final RecommendationsService recommendations = new RecommendationsService(service);
    private final List<ServiceOffer<?>> services = List.of(ServiceOffer.of(Recommendations.class, recommendations));

    private final List<TaskType<?, ?>> tasks = concat(ModelPluginParts.tasks(), List.of(new ImportItemsTask(catalog),
            new PopularityRefreshTask(popular), new FeedbackAggregateTask()));
    private final List<Operation<?, ?>> operations = concat(ServingOperations.all(service),
            CatalogOperations.all(catalog), FeedbackOperations.all(), ExperimentOperations.all(),
            PanelOperations.all());
    private final List<ConfigProperty> config = concat(ModelPluginParts.config(), ServingConfig.properties());
    private final List<ModelType<?, ?>> models = ModelPluginParts.models();
    private final List<OfflineCommand> commands = ModelPluginParts.commands();
    private final List<Panel> panels = RecommendPanels.all();
    private final PersonalData personalData = new RecommendPersonalData();

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Recommendation", "0.1.0", "[1.5,2.0)",
                "Personalised recommendations trained on events: popularity, item-kNN, BPR, EASE and a sequential"
                        + " Transformer, served online with business rules.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return tasks;
    }

    @Override
    public List<ModelType<?, ?>> models() {
        return models;
    }

    @Override
    public List<OfflineCommand> commands() {
        return commands;
    }

    @Override
    public List<Operation<?, ?>> operations() {
        return operations;
    }

    @Override
    public List<Panel> panels() {
        return panels;
    }

    @Override
    public List<ConfigProperty> config() {
        return config;
    }

    @Override
    public Optional<PersonalData> personalData() {
        return Optional.of(personalData);
    }

    /** {@link Recommendations} for other plugins (SDK 1.4): campaign e-mails show the user's recommended items. */
    @Override
    public List<ServiceOffer<?>> services() {
        return services;
    }

    @Override
    public Optional<String> migrations() {
        return Optional.of("db/recommend");
    }

    @Override
    public Optional<DemoSeeder> demo() {
        return Optional.of(new RecommendDemo());
    }

    @Override
    public void start(PluginContext context) {
        served.settings(ServingConfig.modelSettings(context.config()));
        recommendations.start(context);
    }

    /** The serving state, for tests and benchmarks in this module. */
    public RecommendService service() {
        return service;
    }

    @Override
    public void close() {
        served.close();
    }

    @SafeVarargs
    private static <T> List<T> concat(List<? extends T>... parts) {
        List<T> all = new ArrayList<>();
        for (List<? extends T> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }
}

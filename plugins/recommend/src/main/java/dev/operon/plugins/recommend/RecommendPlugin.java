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
import dev.operon.plugins.recommend.service.RecommendationsService;
import dev.operon.plugins.recommend.serving.RecommendService;
import dev.operon.plugins.recommend.serving.ServedModels;
import dev.operon.plugins.recommend.serving.ServingConfig;
import dev.operon.plugins.recommend.serving.ServingOperations;
import dev.operon.plugins.recommend.train.ModelPluginParts;
import dev.operon.sdk.DeclaredPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginDeclaration;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.recommend.Recommendations;
import dev.operon.sdk.service.ServiceOffer;
import java.util.List;

/**
 * Personalised recommendations trained on events: popularity, item-kNN, BPR, EASE and a sequential Transformer,
 * served online with business rules, an item catalogue, a feedback loop with an A/B split, and console panels.
 */
public final class RecommendPlugin extends DeclaredPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "recommend";

    private final CatalogCache catalog = new CatalogCache();
    private final PopularLists popular = new PopularLists();
    private final ServedModels served = new ServedModels(ServedModels.Settings.DEFAULT);
    private final RecommendService service = new RecommendService(catalog, served, popular);
    private final RecommendationsService recommendations = new RecommendationsService(service);

    @Override
    protected PluginDeclaration declare() {
        return PluginDeclaration.of(new PluginInfo(ID, "Recommendation", "0.1.0", "[1.9,2.0)",
                        "Personalised recommendations trained on events: popularity, item-kNN, BPR, EASE and a"
                                + " sequential Transformer, served online with business rules."))
                .tasks(ModelPluginParts.tasks(), List.of(new ImportItemsTask(catalog),
                        new PopularityRefreshTask(popular), new FeedbackAggregateTask()))
                .models(ModelPluginParts.models())
                .commands(ModelPluginParts.commands())
                .operations(ServingOperations.all(service), CatalogOperations.all(catalog), FeedbackOperations.all(),
                        ExperimentOperations.all(), PanelOperations.all())
                .panels(RecommendPanels.all())
                .config(ModelPluginParts.config(), ServingConfig.properties())
                .personalData(new RecommendPersonalData())
                // campaign e-mails show the user's recommended items (SDK 1.4 services)
                .services(List.of(ServiceOffer.of(Recommendations.class, recommendations)))
                .migrations("db/recommend")
                .demo(new RecommendDemo())
                .build();
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
}

package dev.operon.plugins.anomaly;

import dev.operon.plugins.anomaly.alerts.IncidentOperations;
import dev.operon.plugins.anomaly.alerts.RuleOperations;
import dev.operon.plugins.anomaly.alerts.SilenceOperations;
import dev.operon.plugins.anomaly.demo.AnomalyDemo;
import dev.operon.plugins.anomaly.detect.DetectorPluginParts;
import dev.operon.plugins.anomaly.metrics.DeriveTask;
import dev.operon.plugins.anomaly.metrics.PushPoints;
import dev.operon.plugins.anomaly.metrics.SeriesOperations;
import dev.operon.plugins.anomaly.metrics.StoredSeriesSource;
import dev.operon.plugins.anomaly.panels.AnomalyPanels;
import dev.operon.plugins.anomaly.scoring.CatalogueDetectors;
import dev.operon.plugins.anomaly.scoring.DetectorFactory;
import dev.operon.plugins.anomaly.scoring.ScoreTask;
import dev.operon.plugins.anomaly.scoring.SeriesScorer;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.task.TaskType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Online anomaly detection on product and system metrics, with incidents and alerting. */
public final class AnomalyPlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "anomaly";

    private final StoredSeriesSource history = new StoredSeriesSource();
    private final List<TaskType<?, ?>> tasks;
    private final List<Operation<?, ?>> operations;
    private final List<ModelType<?, ?>> models = DetectorPluginParts.models();
    private final List<OfflineCommand> commands = DetectorPluginParts.commands();
    private final List<Panel> panels = AnomalyPanels.all();
    private final List<ConfigProperty> config = AnomalyConfig.properties();

    public AnomalyPlugin() {
        this(Clock.systemUTC(), new CatalogueDetectors());
    }

    /** A plugin on another clock (tests move time forward to check back-off). */
    AnomalyPlugin(Clock clock, DetectorFactory detectors) {
        SeriesScorer scorer = new SeriesScorer(detectors);
        List<TaskType<?, ?>> allTasks = new ArrayList<>(List.of(new ScoreTask(scorer, clock), new DeriveTask(clock)));
        allTasks.addAll(DetectorPluginParts.tasks(history));
        this.tasks = List.copyOf(allTasks);
        List<Operation<?, ?>> all = new ArrayList<>();
        all.add(PushPoints.operation(clock));
        all.addAll(SeriesOperations.all(scorer, clock));
        all.addAll(RuleOperations.all());
        all.addAll(IncidentOperations.all(scorer, clock));
        all.addAll(SilenceOperations.all(clock));
        this.operations = List.copyOf(all);
    }

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Anomaly detection", "0.1.0", "[1.5,2.0)",
                "Online anomaly detection on product and system metrics, with incidents and alerting.");
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
    public Optional<String> migrations() {
        return Optional.of("db/anomaly");
    }

    @Override
    public Optional<DemoSeeder> demo() {
        return Optional.of(new AnomalyDemo());
    }

    @Override
    public void start(PluginContext context) {
        history.use(context.data().dataSource());
    }
}

package dev.operon.plugins.anomaly;

import dev.operon.plugins.anomaly.alerts.IncidentOperations;
import dev.operon.plugins.anomaly.alerts.RuleOperations;
import dev.operon.plugins.anomaly.alerts.SilenceOperations;
import dev.operon.plugins.anomaly.metrics.DeriveTask;
import dev.operon.plugins.anomaly.metrics.PushPoints;
import dev.operon.plugins.anomaly.metrics.SeriesOperations;
import dev.operon.plugins.anomaly.panels.AnomalyPanels;
import dev.operon.plugins.anomaly.scoring.CatalogueDetectors;
import dev.operon.plugins.anomaly.scoring.DetectorFactory;
import dev.operon.plugins.anomaly.scoring.ScoreTask;
import dev.operon.plugins.anomaly.scoring.SeriesScorer;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.ConfigProperty;
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

    private final List<TaskType<?, ?>> tasks;
    private final List<Operation<?, ?>> operations;
    private final List<Panel> panels = AnomalyPanels.all();
    private final List<ConfigProperty> config = AnomalyConfig.properties();

    public AnomalyPlugin() {
        this(Clock.systemUTC(), new CatalogueDetectors());
    }

    /** A plugin on another clock (tests move time forward to check back-off). */
    AnomalyPlugin(Clock clock, DetectorFactory detectors) {
        SeriesScorer scorer = new SeriesScorer(detectors);
        this.tasks = List.of(new ScoreTask(scorer, clock), new DeriveTask(clock));
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
        return new PluginInfo(ID, "Anomaly detection", "0.1.0", "[1.2,2.0)",
                "Online anomaly detection on product and system metrics, with incidents and alerting.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return tasks;
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
}

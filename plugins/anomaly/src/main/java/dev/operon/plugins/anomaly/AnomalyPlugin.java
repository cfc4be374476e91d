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
import dev.operon.sdk.DeclaredPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginDeclaration;
import dev.operon.sdk.PluginInfo;
import java.time.Clock;
import java.util.List;

/** Online anomaly detection on product and system metrics, with incidents and alerting. */
public final class AnomalyPlugin extends DeclaredPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "anomaly";

    private final StoredSeriesSource history = new StoredSeriesSource();
    private final Clock clock;
    private final SeriesScorer scorer;

    public AnomalyPlugin() {
        this(Clock.systemUTC(), new CatalogueDetectors());
    }

    /** A plugin on another clock (tests move time forward to check back-off). */
    AnomalyPlugin(Clock clock, DetectorFactory detectors) {
        this.clock = clock;
        this.scorer = new SeriesScorer(detectors);
    }

    @Override
    protected PluginDeclaration declare() {
        return PluginDeclaration.of(new PluginInfo(ID, "Anomaly detection", "0.1.0", "[1.9,2.0)",
                        "Online anomaly detection on product and system metrics, with incidents and alerting."))
                // in the order a fresh workspace wants them once: series derived from events, models, scores
                .tasks(List.of(new DeriveTask(clock)), DetectorPluginParts.tasks(history),
                        List.of(new ScoreTask(scorer, clock)))
                .models(DetectorPluginParts.models())
                .commands(DetectorPluginParts.commands())
                .operations(List.of(PushPoints.operation(clock)), SeriesOperations.all(scorer, clock),
                        RuleOperations.all(), IncidentOperations.all(scorer, clock), SilenceOperations.all(clock))
                .panels(AnomalyPanels.all())
                .config(AnomalyConfig.properties())
                .demo(new AnomalyDemo())
                .migrations("db/anomaly")
                .build();
    }

    @Override
    public void start(PluginContext context) {
        history.use(context.data());
    }
}

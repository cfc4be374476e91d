package dev.operon.plugins.behaviour;

import dev.operon.plugins.behaviour.churn.ChurnConfig;
import dev.operon.plugins.behaviour.churn.ChurnModelType;
import dev.operon.plugins.behaviour.churn.ChurnScoreTask;
import dev.operon.plugins.behaviour.churn.ChurnTrainTask;
import dev.operon.plugins.behaviour.cli.ChurnCommand;
import dev.operon.plugins.behaviour.cli.ClvCommand;
import dev.operon.plugins.behaviour.clv.ClvFitTask;
import dev.operon.plugins.behaviour.demo.BehaviourDemo;
import dev.operon.plugins.behaviour.panels.BehaviourPanels;
import dev.operon.plugins.behaviour.panels.InsightOperations;
import dev.operon.plugins.behaviour.personas.PersonaModelType;
import dev.operon.plugins.behaviour.personas.PersonasTrainTask;
import dev.operon.plugins.behaviour.privacy.BehaviourPersonalData;
import dev.operon.plugins.behaviour.segments.SegmentOperations;
import dev.operon.plugins.behaviour.segments.SegmentsRefreshTask;
import dev.operon.plugins.behaviour.segments.SegmentsService;
import dev.operon.sdk.DeclaredPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginDeclaration;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.segments.Segments;
import dev.operon.sdk.service.ServiceOffer;
import java.util.List;

/**
 * Behaviour profiling: segments over traits and event aggregates, personas learned from event sequences, churn
 * propensity and customer lifetime value.
 */
public final class BehaviourPlugin extends DeclaredPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "behaviour";

    private final SegmentsService segments = new SegmentsService();

    @Override
    protected PluginDeclaration declare() {
        return PluginDeclaration.of(new PluginInfo(ID, "Behaviour", "0.1.0", "[1.9,2.0)",
                        "Segments, personas, churn propensity and customer lifetime value from events and profiles."))
                .tasks(List.of(new SegmentsRefreshTask(), new PersonasTrainTask(), new ChurnTrainTask(),
                        new ChurnScoreTask(), new ClvFitTask()))
                .models(List.of(new PersonaModelType(), new ChurnModelType()))
                .operations(SegmentOperations.all(), InsightOperations.all())
                .panels(BehaviourPanels.all())
                .config(BehaviourConfig.segmentsAndPersonas(), ChurnConfig.properties(), ClvFitTask.config())
                .commands(List.of(new ChurnCommand(), new ClvCommand()))
                .personalData(new BehaviourPersonalData())
                .demo(new BehaviourDemo())
                // campaigns check the segment they target (SDK 1.9 services)
                .services(List.of(ServiceOffer.of(Segments.class, segments)))
                .migrations("db/behaviour")
                .build();
    }

    @Override
    public void start(PluginContext context) {
        segments.start(context);
    }
}

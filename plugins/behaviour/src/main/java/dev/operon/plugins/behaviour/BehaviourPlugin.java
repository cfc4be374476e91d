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
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.privacy.PersonalData;
import dev.operon.sdk.task.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Behaviour profiling: segments over traits and event aggregates, personas learned from event sequences, churn
 * propensity and customer lifetime value.
 */
public final class BehaviourPlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "behaviour";

    private final List<TaskType<?, ?>> tasks = List.of(new SegmentsRefreshTask(), new PersonasTrainTask(),
            new ChurnTrainTask(), new ChurnScoreTask(), new ClvFitTask());
    private final List<ModelType<?, ?>> models = List.of(new PersonaModelType(), new ChurnModelType());
    private final List<Operation<?, ?>> operations = concat(SegmentOperations.all(), InsightOperations.all());
    private final List<Panel> panels = concat(BehaviourPanels.all());
    private final List<ConfigProperty> config = concat(BehaviourConfig.segmentsAndPersonas(),
            ChurnConfig.properties(), ClvFitTask.config());
    private final List<OfflineCommand> commands = List.of(new ChurnCommand(), new ClvCommand());
    private final PersonalData personalData = new BehaviourPersonalData();

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Behaviour", "0.1.0", "[1.5,2.0)",
                "Segments, personas, churn propensity and customer lifetime value from events and profiles.");
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
    public List<OfflineCommand> commands() {
        return commands;
    }

    @Override
    public Optional<DemoSeeder> demo() {
        return Optional.of(new BehaviourDemo());
    }

    @Override
    public Optional<PersonalData> personalData() {
        return Optional.of(personalData);
    }

    @Override
    public Optional<String> migrations() {
        return Optional.of("db/behaviour");
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

package dev.operon.plugins.cs;

import dev.operon.plugins.cs.cli.IntentsCommand;
import dev.operon.plugins.cs.conversations.Conversations;
import dev.operon.plugins.cs.conversations.SlaCheckTask;
import dev.operon.plugins.cs.demo.CsDemo;
import dev.operon.plugins.cs.knowledge.KnowledgeBase;
import dev.operon.plugins.cs.panels.CsPanels;
import dev.operon.plugins.cs.privacy.CsPersonalData;
import dev.operon.plugins.cs.training.IntentTrainTask;
import dev.operon.plugins.cs.understanding.IntentModelType;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.privacy.PersonalData;
import dev.operon.sdk.task.TaskType;
import java.util.List;
import java.util.Optional;

/** Support conversations understood with pretrained Transformers, answered from a knowledge base, handed off to humans. */
public final class CustomerServicePlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "cs";

    private final KnowledgeBase knowledge = new KnowledgeBase();
    private final List<TaskType<?, ?>> tasks = List.of(new IntentTrainTask(), new SlaCheckTask());
    private final List<ModelType<?, ?>> models = List.of(new IntentModelType());
    private final List<Operation<?, ?>> operations = CsOperations.all(new Conversations(knowledge), knowledge);
    private final List<Panel> panels = CsPanels.all();
    private final List<ConfigProperty> config = CsConfig.properties();
    private final List<OfflineCommand> commands = List.of(new IntentsCommand());
    private final PersonalData personalData = new CsPersonalData();

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Customer service", "0.1.0", "[1.5,2.0)",
                "Support conversations understood with pretrained Transformers, answered from a knowledge base, handed off to humans.");
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
        return Optional.of(new CsDemo());
    }

    @Override
    public Optional<PersonalData> personalData() {
        return Optional.of(personalData);
    }

    @Override
    public Optional<String> migrations() {
        return Optional.of("db/cs");
    }
}

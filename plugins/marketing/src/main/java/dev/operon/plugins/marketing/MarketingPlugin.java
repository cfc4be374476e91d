package dev.operon.plugins.marketing;

import dev.operon.plugins.marketing.campaigns.CampaignOperations;
import dev.operon.plugins.marketing.demo.MarketingDemo;
import dev.operon.plugins.marketing.dryrun.DryRun;
import dev.operon.plugins.marketing.experiments.ExperimentOperations;
import dev.operon.plugins.marketing.inbox.InboxOperations;
import dev.operon.plugins.marketing.journeys.JourneyOperations;
import dev.operon.plugins.marketing.journeys.JourneyTask;
import dev.operon.plugins.marketing.panels.MarketingPanels;
import dev.operon.plugins.marketing.panels.SendsOverTime;
import dev.operon.plugins.marketing.privacy.MarketingPersonalData;
import dev.operon.plugins.marketing.sending.DispatchTask;
import dev.operon.plugins.marketing.sending.MessageRenderer;
import dev.operon.plugins.marketing.sending.SendTask;
import dev.operon.plugins.marketing.sending.Sender;
import dev.operon.plugins.marketing.sending.SuppressionOperations;
import dev.operon.plugins.marketing.uplift.UpliftCommand;
import dev.operon.plugins.marketing.uplift.UpliftModelType;
import dev.operon.plugins.marketing.uplift.UpliftTrainTask;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.plugins.marketing.triggers.IncidentTriggerChannel;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.demo.DemoSeeder;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.privacy.PersonalData;
import dev.operon.sdk.task.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Campaigns and journeys to segments on schedules and triggers, with contact budgets, experiments and holdouts. */
public final class MarketingPlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "marketing";

    private final Sender sender = new Sender(new MessageRenderer());
    private final DryRun dryRun = new DryRun(sender);
    private final List<TaskType<?, ?>> tasks = List.of(new DispatchTask(sender), new SendTask(sender),
            new JourneyTask(), new UpliftTrainTask());
    private final List<ModelType<?, ?>> models = List.of(new UpliftModelType());
    private final List<Operation<?, ?>> operations = buildOperations();
    private final List<Panel> panels = MarketingPanels.all();
    private final List<ConfigProperty> config = MarketingConfig.properties();
    private final List<OfflineCommand> commands = List.of(new UpliftCommand());
    private final PersonalData personalData = new MarketingPersonalData();
    private volatile PluginData data;
    private final List<Channel> channels = List.of(new IncidentTriggerChannel(() -> data));

    private List<Operation<?, ?>> buildOperations() {
        List<Operation<?, ?>> all = new ArrayList<>(CampaignOperations.all(sender.renderer()));
        all.add(Operation.query("dry-run", "Dry run: who would get what", DryRun.Input.class, DryRun.Output.class,
                (c, in) -> dryRun.run(Services.of(c), in)));
        all.addAll(ExperimentOperations.all());
        all.addAll(InboxOperations.all());
        all.addAll(SuppressionOperations.all(sender));
        all.add(SendsOverTime.operation());
        all.addAll(JourneyOperations.all());
        return List.copyOf(all);
    }

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Marketing", "0.1.0", "[1.5,2.0)",
                "Campaigns to segments on schedules and triggers, with contact budgets, experiments and holdouts.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return tasks;
    }

    /** {@code marketing.uplift}, trained by {@code marketing.uplift-train}. */
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

    /** {@code marketing.incident}: anomaly rules target it to start incident campaigns. */
    @Override
    public List<Channel> channels() {
        return channels;
    }

    @Override
    public List<OfflineCommand> commands() {
        return commands;
    }

    @Override
    public Optional<PersonalData> personalData() {
        return Optional.of(personalData);
    }

    /** A draft win-back campaign for the demo shop's lapsing customers. */
    @Override
    public Optional<DemoSeeder> demo() {
        return Optional.of(new MarketingDemo());
    }

    @Override
    public Optional<String> migrations() {
        return Optional.of("db/marketing");
    }

    @Override
    public void start(PluginContext context) {
        MarketingConfig.check(context.config());
        data = context.data();
    }

    @Override
    public void close() {
        sender.close();
    }
}

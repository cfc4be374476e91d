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
import dev.operon.plugins.marketing.triggers.IncidentTriggerChannel;
import dev.operon.plugins.marketing.uplift.UpliftCommand;
import dev.operon.plugins.marketing.uplift.UpliftModelType;
import dev.operon.plugins.marketing.uplift.UpliftTrainTask;
import dev.operon.sdk.DeclaredPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginDeclaration;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.operation.Operation;
import java.util.List;

/** Campaigns and journeys to segments on schedules and triggers, with contact budgets, experiments and holdouts. */
public final class MarketingPlugin extends DeclaredPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "marketing";

    private final Sender sender = new Sender(new MessageRenderer());
    private final DryRun dryRun = new DryRun(sender);
    private volatile PluginData data;

    @Override
    protected PluginDeclaration declare() {
        return PluginDeclaration.of(new PluginInfo(ID, "Marketing", "0.1.0", "[1.9,2.0)",
                        "Campaigns to segments on schedules and triggers, with contact budgets, experiments and"
                                + " holdouts."))
                .tasks(List.of(new DispatchTask(sender), new SendTask(sender), new JourneyTask(),
                        new UpliftTrainTask()))
                .models(List.of(new UpliftModelType()))
                .operations(CampaignOperations.all(sender.renderer()),
                        List.of(Operation.query("dry-run", "Dry run: who would get what", DryRun.Input.class,
                                DryRun.Output.class, (c, in) -> dryRun.run(c, in))),
                        ExperimentOperations.all(), InboxOperations.all(), SuppressionOperations.all(sender),
                        List.of(SendsOverTime.operation()), JourneyOperations.all())
                .panels(MarketingPanels.all())
                .config(MarketingConfig.properties())
                // marketing.incident: anomaly rules target it to start incident campaigns
                .channels(List.of(new IncidentTriggerChannel(() -> data)))
                .commands(List.of(new UpliftCommand()))
                .personalData(new MarketingPersonalData())
                .demo(new MarketingDemo())
                .migrations("db/marketing")
                .build();
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

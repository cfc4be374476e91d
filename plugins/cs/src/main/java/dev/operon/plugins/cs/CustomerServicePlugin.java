package dev.operon.plugins.cs;

import dev.operon.plugins.cs.cli.IntentsCommand;
import dev.operon.plugins.cs.conversations.Conversations;
import dev.operon.plugins.cs.conversations.ReplyDeliveryTask;
import dev.operon.plugins.cs.conversations.SlaCheckTask;
import dev.operon.plugins.cs.demo.CsDemo;
import dev.operon.plugins.cs.knowledge.KnowledgeBase;
import dev.operon.plugins.cs.panels.CsPanels;
import dev.operon.plugins.cs.privacy.CsPersonalData;
import dev.operon.plugins.cs.training.IntentTrainTask;
import dev.operon.plugins.cs.understanding.IntentModelType;
import dev.operon.sdk.DeclaredPlugin;
import dev.operon.sdk.PluginDeclaration;
import dev.operon.sdk.PluginInfo;
import java.util.List;

/** Support conversations understood with pretrained Transformers, answered from a knowledge base, handed off to humans. */
public final class CustomerServicePlugin extends DeclaredPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "cs";

    @Override
    protected PluginDeclaration declare() {
        KnowledgeBase knowledge = new KnowledgeBase();
        return PluginDeclaration.of(new PluginInfo(ID, "Customer service", "0.1.0", "[1.9,2.0)",
                        "Support conversations understood with pretrained Transformers, answered from a knowledge base,"
                                + " handed off to humans."))
                .tasks(List.of(new IntentTrainTask(), new SlaCheckTask(), new ReplyDeliveryTask()))
                .models(List.of(new IntentModelType()))
                .operations(CsOperations.all(new Conversations(knowledge), knowledge))
                .panels(CsPanels.all())
                .config(CsConfig.properties())
                .commands(List.of(new IntentsCommand()))
                .personalData(new CsPersonalData())
                .demo(new CsDemo())
                .migrations("db/cs")
                .build();
    }
}

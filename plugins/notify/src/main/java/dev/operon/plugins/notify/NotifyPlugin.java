package dev.operon.plugins.notify;

import dev.operon.plugins.notify.admin.ListChannels;
import dev.operon.plugins.notify.admin.NotifyPanel;
import dev.operon.plugins.notify.admin.SendTestMessage;
import dev.operon.plugins.notify.email.EmailChannel;
import dev.operon.plugins.notify.webhook.WebhookChannel;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.task.TaskType;
import java.time.Clock;
import java.util.List;

/**
 * Delivery channels for every plugin: {@code notify.email} (SMTP) and {@code notify.webhook} (generic JSON, Slack,
 * Feishu, DingTalk). Other plugins find them with {@code context.channels().find("notify.email")}. The plugin keeps
 * no per-user data: messages are sent, not stored.
 */
public final class NotifyPlugin implements OperonPlugin {

    /** The plugin id: prefix of its channels, operations and configuration keys. */
    public static final String ID = "notify";

    private final NotifyConfig config = new NotifyConfig();
    private final EmailChannel email = new EmailChannel(config, Clock.systemUTC());
    private final WebhookChannel webhook = new WebhookChannel(config, Clock.systemUTC());
    private final List<Operation<?, ?>> operations = List.of(new ListChannels(email, webhook),
            new SendTestMessage());

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Notify", "0.1.0", "[1.2,2.0)",
                "Delivery channels for every plugin: e-mail over SMTP and webhooks (generic JSON, Slack, Feishu, DingTalk).");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of();
    }

    @Override
    public List<ConfigProperty> config() {
        return NotifyConfig.properties();
    }

    @Override
    public List<Channel> channels() {
        return List.of(email, webhook);
    }

    @Override
    public List<Operation<?, ?>> operations() {
        return operations;
    }

    @Override
    public List<Panel> panels() {
        return List.of(NotifyPanel.channels());
    }

    /** Refuses a malformed {@code webhook-formats} or {@code webhook-secrets} (an unset SMTP host is fine). */
    @Override
    public void start(PluginContext context) {
        config.use(context.config());
        webhook.validate();
    }

    /** Closes the SMTP connections the e-mail channel keeps between messages. */
    @Override
    public void close() {
        email.close();
    }
}

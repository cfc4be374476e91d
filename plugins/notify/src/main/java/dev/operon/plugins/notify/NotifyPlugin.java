package dev.operon.plugins.notify;

import dev.operon.plugins.notify.admin.ListChannels;
import dev.operon.plugins.notify.admin.NotifyPanel;
import dev.operon.plugins.notify.admin.SendTestMessage;
import dev.operon.plugins.notify.email.EmailChannel;
import dev.operon.plugins.notify.webhook.WebhookChannel;
import dev.operon.sdk.DeclaredPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginDeclaration;
import dev.operon.sdk.PluginInfo;
import java.time.Clock;
import java.util.List;

/**
 * Delivery channels for every plugin: {@code notify.email} (SMTP) and {@code notify.webhook} (generic JSON, Slack,
 * Feishu, DingTalk). Other plugins find them with {@code context.channels().find("notify.email")}. The plugin keeps
 * no per-user data: messages are sent, not stored.
 */
public final class NotifyPlugin extends DeclaredPlugin {

    /** The plugin id: prefix of its channels, operations and configuration keys. */
    public static final String ID = "notify";

    private final NotifyConfig config = new NotifyConfig();
    private final EmailChannel email = new EmailChannel(config, Clock.systemUTC());
    private final WebhookChannel webhook = new WebhookChannel(config, Clock.systemUTC());

    @Override
    protected PluginDeclaration declare() {
        return PluginDeclaration.of(new PluginInfo(ID, "Notify", "0.1.0", "[1.7,2.0)",
                        "Delivery channels for every plugin: e-mail over SMTP and webhooks (generic JSON, Slack,"
                                + " Feishu, DingTalk)."))
                .config(NotifyConfig.properties())
                .channels(List.of(email, webhook))
                .operations(List.of(new ListChannels(email, webhook), new SendTestMessage()))
                .panels(List.of(NotifyPanel.channels()))
                .build();
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

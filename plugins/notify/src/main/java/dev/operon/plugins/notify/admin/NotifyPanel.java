package dev.operon.plugins.notify.admin;

import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import java.util.List;

/** The console page: the channels and their configuration status, and a form to send a test message. */
public final class NotifyPanel {

    private NotifyPanel() {
    }

    public static Panel channels() {
        return Panel.of("channels", "Delivery channels",
                new Widget.Table("Channels", "channels", List.of(
                        new Widget.Column("id", "Channel", true),
                        new Widget.Column("title", "Title", false),
                        new Widget.Column("ready", "Ready", true),
                        new Widget.Column("status", "Status", false)))
                        .whenEmpty("No delivery channels. They come from active plugins (notify offers e-mail and "
                                + "webhooks): check the Plugins page."),
                new Widget.Form("Send a test message", "test"),
                new Widget.Text("""
                        E-mail is configured with `operon.plugin.notify.smtp-*` and `from`. A webhook's recipient \
                        is its URL; its payload format is `json`, `slack`, `feishu` or `dingtalk`, chosen by the \
                        message (`X-Operon-Format` header, the form's *format*), else by \
                        `webhook-formats` for the URL, else `webhook-default-format`."""));
    }
}

package dev.operon.plugins.notify;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/** Delivery channels for every plugin: e-mail over SMTP and webhooks (generic JSON, Slack, Feishu, DingTalk). */
public final class NotifyPlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "notify";

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Notify", "0.1.0", "[1.2,2.0)",
                "Delivery channels for every plugin: e-mail over SMTP and webhooks (generic JSON, Slack, Feishu, DingTalk).");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of();
    }
}

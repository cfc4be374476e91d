package dev.operon.plugins.marketing;

import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.task.TaskContext;

/** The platform services the marketing code uses, whether it runs in a task or an operation. */
public record Services(PluginConfig config, PluginData data, Events events, Profiles profiles, Channels channels,
                       PluginMetrics metrics, Models models) {

    public static Services of(TaskContext c) {
        return new Services(c.config(), c.data(), c.events(), c.profiles(), c.channels(), c.metrics(), c.models());
    }

    public static Services of(OperationContext c) {
        return new Services(c.config(), c.data(), c.events(), c.profiles(), c.channels(), c.metrics(), c.models());
    }
}

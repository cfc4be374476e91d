package dev.operon.plugins.marketing;

import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.recommend.Recommendations;
import dev.operon.sdk.task.TaskContext;
import java.util.Optional;

/**
 * The platform services the marketing code uses, whether it runs in a task or an operation; {@code plugins} are the
 * typed services other plugins offer (SDK 1.4).
 */
public record Services(PluginConfig config, PluginData data, Events events, Profiles profiles, Channels channels,
                       PluginMetrics metrics, Models models, dev.operon.sdk.service.Services plugins) {

    public static Services of(TaskContext c) {
        return new Services(c.config(), c.data(), c.events(), c.profiles(), c.channels(), c.metrics(), c.models(),
                c.services());
    }

    public static Services of(OperationContext c) {
        return new Services(c.config(), c.data(), c.events(), c.profiles(), c.channels(), c.metrics(), c.models(),
                c.services());
    }

    /** The recommendation service of whichever active plugin offers one (SDK 1.4), looked up now. */
    public Optional<Recommendations> recommendations() {
        return plugins.find(Recommendations.class);
    }
}

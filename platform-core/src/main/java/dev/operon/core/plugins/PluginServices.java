package dev.operon.core.plugins;

import dev.operon.sdk.PluginScope;
import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.service.Services;

/** The platform services one plugin sees, shared by its plugin context, task contexts and operation contexts. */
public record PluginServices(String pluginId, PluginConfig config, PluginData data, Models models,
                             PluginMetrics metrics, Events events, Profiles profiles,
                             Channels channels, Services services) implements PluginScope {

    /** Services without typed plugin services (SDK 1.4): none are offered. */
    public PluginServices(String pluginId, PluginConfig config, PluginData data, Models models, PluginMetrics metrics,
                          Events events, Profiles profiles, Channels channels) {
        this(pluginId, config, data, models, metrics, events, profiles, channels, Services.none());
    }
}

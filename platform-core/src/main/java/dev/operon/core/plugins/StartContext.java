package dev.operon.core.plugins;

import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;

/** The {@link PluginContext} a plugin's {@code start} receives: its info and its services. */
record StartContext(PluginInfo plugin, PluginServices services) implements PluginContext {

    @Override
    public PluginConfig config() {
        return services.config();
    }

    @Override
    public PluginData data() {
        return services.data();
    }

    @Override
    public Models models() {
        return services.models();
    }

    @Override
    public PluginMetrics metrics() {
        return services.metrics();
    }

    @Override
    public Events events() {
        return services.events();
    }

    @Override
    public Profiles profiles() {
        return services.profiles();
    }

    @Override
    public Channels channels() {
        return services.channels();
    }
}

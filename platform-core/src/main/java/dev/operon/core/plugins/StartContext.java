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
import dev.operon.sdk.service.Services;

/** The {@link PluginContext} a plugin's {@code start} receives: its info and its platform. */
record StartContext(PluginInfo plugin, PluginServices platform) implements PluginContext {

    @Override
    public PluginConfig config() {
        return platform.config();
    }

    @Override
    public PluginData data() {
        return platform.data();
    }

    @Override
    public Models models() {
        return platform.models();
    }

    @Override
    public PluginMetrics metrics() {
        return platform.metrics();
    }

    @Override
    public Events events() {
        return platform.events();
    }

    @Override
    public Profiles profiles() {
        return platform.profiles();
    }

    @Override
    public Channels channels() {
        return platform.channels();
    }

    @Override
    public Services services() {
        return platform.services();
    }
}

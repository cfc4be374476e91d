package dev.operon.sdk.testkit;

import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.service.Services;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;

/** What the kit hands the plugin's {@code start}: the same services its tasks and operations get. */
record KitPluginContext(PluginTestKit kit) implements PluginContext {

    @Override
    public PluginInfo plugin() {
        return kit.plugin().info();
    }

    @Override
    public PluginConfig config() {
        return kit.config();
    }

    @Override
    public PluginData data() {
        return kit.data();
    }

    @Override
    public Models models() {
        return kit.models();
    }

    @Override
    public PluginMetrics metrics() {
        return kit.metrics();
    }

    @Override
    public Events events() {
        return kit.events();
    }

    @Override
    public Profiles profiles() {
        return kit.profiles();
    }

    @Override
    public Channels channels() {
        return kit.channels();
    }

    @Override
    public Services services() {
        return kit.services();
    }
}

package dev.operon.plugins.recommend.service;

import dev.operon.sdk.PluginContext;
import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.profiles.Profiles;

/**
 * The serving code takes an operation's context; a call from another plugin has none, so it runs with the plugin's
 * own services from its start. It is a read: there is nothing to audit.
 */
final class ServiceCalls implements OperationContext {

    private final PluginContext plugin;

    ServiceCalls(PluginContext plugin) {
        this.plugin = plugin;
    }

    @Override
    public String actor() {
        return "plugin-service:recommend";
    }

    @Override
    public String requestId() {
        return "service";
    }

    @Override
    public PluginConfig config() {
        return plugin.config();
    }

    @Override
    public PluginData data() {
        return plugin.data();
    }

    @Override
    public Models models() {
        return plugin.models();
    }

    @Override
    public Events events() {
        return plugin.events();
    }

    @Override
    public Profiles profiles() {
        return plugin.profiles();
    }

    @Override
    public Channels channels() {
        return plugin.channels();
    }

    @Override
    public PluginMetrics metrics() {
        return plugin.metrics();
    }

    @Override
    public void audit(Object before, Object after) {
        // a read for another plugin: nothing changes, nothing to audit
    }
}

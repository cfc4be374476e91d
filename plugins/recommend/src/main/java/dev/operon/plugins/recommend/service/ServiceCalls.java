package dev.operon.plugins.recommend.service;

import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.operation.OperationContext;

/**
 * The serving code takes an operation's context; a call from another plugin has none, so it runs with the plugin's
 * own services from its start. It is a read: there is nothing to audit.
 */
final class ServiceCalls implements OperationContext, PluginScope.Forwarding {

    private final PluginContext plugin;

    ServiceCalls(PluginContext plugin) {
        this.plugin = plugin;
    }

    @Override
    public PluginScope scope() {
        return plugin;
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
    public void audit(Object before, Object after) {
        // a read for another plugin: nothing changes, nothing to audit
    }
}

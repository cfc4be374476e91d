package dev.operon.core.plugins;

import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.PluginScope;

/** The {@link PluginContext} a plugin's {@code start} receives: its info and its platform. */
record StartContext(PluginInfo plugin, PluginServices platform) implements PluginContext, PluginScope.Forwarding {

    @Override
    public PluginScope scope() {
        return platform;
    }
}

package dev.operon.sdk.testkit;

import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.PluginScope;

/** What the kit hands the plugin's {@code start}: the same services its tasks and operations get. */
record KitPluginContext(PluginTestKit kit) implements PluginContext, PluginScope.Forwarding {

    @Override
    public PluginScope scope() {
        return kit;
    }

    @Override
    public PluginInfo plugin() {
        return kit.plugin().info();
    }
}

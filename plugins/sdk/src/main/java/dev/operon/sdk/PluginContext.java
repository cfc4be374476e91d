package dev.operon.sdk;

import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.service.Services;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.model.Models;
import dev.operon.sdk.metrics.PluginMetrics;

/**
 * What the platform hands a plugin at start: its identity, its validated configuration, access to its own tables,
 * its models and its metrics. The same services reach tasks through {@code TaskContext} and operations through
 * {@code OperationContext}. Thread-safe.
 */
public interface PluginContext {

    /** The info of the plugin being started. */
    PluginInfo plugin();

    /** The SDK version the running platform implements (see {@link Sdk#VERSION}). */
    default String sdkVersion() {
        return Sdk.VERSION;
    }

    /** The plugin's configuration, validated against {@link OperonPlugin#config()}. */
    PluginConfig config();

    /** The plugin's own tables. */
    PluginData data();

    /** The plugin's models: champions to predict with, versions to register. */
    Models models();

    /** The events end users produced (since SDK 1.1). */
    Events events();

    /** End-user profiles (since SDK 1.1). */
    Profiles profiles();

    /** Counters, gauges and timers exported with the platform's metrics, tagged with the plugin id. */
    PluginMetrics metrics();

    /** The delivery channels of every active plugin (since SDK 1.2). */
    default Channels channels() {
        return Channels.none();
    }

    /** The typed services of every active plugin, such as recommendations (since SDK 1.4). */
    default Services services() {
        return Services.none();
    }

}

package dev.operon.sdk;

import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.service.Services;

/**
 * What a plugin's code can reach wherever it runs (since SDK 1.6): at start ({@link PluginContext}), in a task
 * ({@code TaskContext}) or in an operation ({@code OperationContext}) alike. Code shared by tasks and operations takes
 * a {@code PluginScope} instead of one of the three contexts. Thread-safe.
 */
public interface PluginScope {

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

    /**
     * A scope that answers from another one: for platforms and test kits implementing the contexts, which override
     * only what differs (a task's own model registry, for example).
     */
    interface Forwarding extends PluginScope {

        /** The scope every method answers from. */
        PluginScope scope();

        @Override
        default PluginConfig config() {
            return scope().config();
        }

        @Override
        default PluginData data() {
            return scope().data();
        }

        @Override
        default Models models() {
            return scope().models();
        }

        @Override
        default Events events() {
            return scope().events();
        }

        @Override
        default Profiles profiles() {
            return scope().profiles();
        }

        @Override
        default PluginMetrics metrics() {
            return scope().metrics();
        }

        @Override
        default Channels channels() {
            return scope().channels();
        }

        @Override
        default Services services() {
            return scope().services();
        }
    }
}

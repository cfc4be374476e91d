package dev.operon.sdk.operation;

import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.service.Services;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;

/** What an operation may use: who is calling, and the plugin's configuration, data, models and metrics. */
public interface OperationContext {

    /** The caller as the audit log names it, such as {@code operator:alice} or {@code api-key:k1}. */
    String actor();

    /** The request id, for logs. */
    String requestId();

    PluginConfig config();

    PluginData data();

    Models models();

    /** The events end users produced (since SDK 1.1). */
    Events events();

    /** End-user profiles (since SDK 1.1). */
    Profiles profiles();

    /** The delivery channels of every active plugin (since SDK 1.2). */
    default Channels channels() {
        return Channels.none();
    }

    /** The typed services of every active plugin, such as recommendations (since SDK 1.4). */
    default Services services() {
        return Services.none();
    }


    PluginMetrics metrics();

    /**
     * For actions: what to put in the audit record besides the input (before and after values). Secrets must not be
     * included. Calling it for a query does nothing.
     */
    void audit(Object before, Object after);
}

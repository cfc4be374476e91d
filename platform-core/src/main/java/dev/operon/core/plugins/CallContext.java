package dev.operon.core.plugins;

import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.service.Services;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;
import dev.operon.sdk.operation.OperationContext;

/** The {@link OperationContext} of one call: the caller, the request and the plugin's services. */
final class CallContext implements OperationContext {

    private final String actor;
    private final String requestId;
    private final PluginServices services;
    private final boolean action;
    private volatile Object before;
    private volatile Object after;

    CallContext(String actor, String requestId, PluginServices services, boolean action) {
        this.actor = actor;
        this.requestId = requestId;
        this.services = services;
        this.action = action;
    }

    @Override
    public String actor() {
        return actor;
    }

    @Override
    public String requestId() {
        return requestId;
    }

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
    public void audit(Object before, Object after) {
        if (action) {
            this.before = before;
            this.after = after;
        }
    }

    Object before() {
        return before;
    }

    Object after() {
        return after;
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

    @Override
    public Services services() {
        return services.services();
    }
}

package dev.operon.core.plugins;

import dev.operon.sdk.PluginScope;
import dev.operon.sdk.operation.OperationContext;

/** The {@link OperationContext} of one call: the caller, the request and the plugin's services. */
final class CallContext implements OperationContext, PluginScope.Forwarding {

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
    public PluginScope scope() {
        return services;
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
}

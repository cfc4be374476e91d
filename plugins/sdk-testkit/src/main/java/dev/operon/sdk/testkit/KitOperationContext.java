package dev.operon.sdk.testkit;

import dev.operon.sdk.PluginScope;
import dev.operon.sdk.operation.OperationContext;

/** The context of one operation call in a test; keeps what an action asks to put in its audit record. */
final class KitOperationContext implements OperationContext, PluginScope.Forwarding {

    private final PluginTestKit kit;
    private final String actor;
    private final String requestId;
    private final boolean action;
    private Object before;
    private Object after;

    KitOperationContext(PluginTestKit kit, String actor, String requestId, boolean action) {
        this.kit = kit;
        this.actor = actor;
        this.requestId = requestId;
        this.action = action;
    }

    @Override
    public PluginScope scope() {
        return kit;
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

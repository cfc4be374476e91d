package dev.operon.sdk.testkit;

import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.service.Services;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.metrics.PluginMetrics;
import dev.operon.sdk.model.Models;
import dev.operon.sdk.operation.OperationContext;

/** The context of one operation call in a test; keeps what an action asks to put in its audit record. */
final class KitOperationContext implements OperationContext {

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
    public String actor() {
        return actor;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public PluginConfig config() {
        return kit.config();
    }

    @Override
    public PluginData data() {
        return kit.data();
    }

    @Override
    public Models models() {
        return kit.models();
    }

    @Override
    public PluginMetrics metrics() {
        return kit.metrics();
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
        return kit.events();
    }

    @Override
    public Profiles profiles() {
        return kit.profiles();
    }

    @Override
    public Channels channels() {
        return kit.channels();
    }

    @Override
    public Services services() {
        return kit.services();
    }
}

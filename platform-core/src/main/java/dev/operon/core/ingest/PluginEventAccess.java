package dev.operon.core.ingest;

import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Consumer;

/** Hands each plugin its view of the event store (SDK {@link Events}). */
@ApplicationScoped
public class PluginEventAccess {

    /** The events service of one plugin; appended events name the plugin as their source. */
    public Events forPlugin(String pluginId) {
        // TODO(issue 4, ingestion): replaced by the JDBC event store
        return new Events() {
            @Override
            public void forEach(EventQuery query, Consumer<Event> action) {
                throw new UnsupportedOperationException("the event store is not built yet");
            }

            @Override
            public long count(EventQuery query) {
                throw new UnsupportedOperationException("the event store is not built yet");
            }

            @Override
            public String track(long profileId, String event, Map<String, Object> properties) {
                throw new UnsupportedOperationException("the event store is not built yet");
            }
        };
    }
}

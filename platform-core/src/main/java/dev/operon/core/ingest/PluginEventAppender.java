package dev.operon.core.ingest;

import java.util.Map;

/**
 * Writes the {@code track} events plugins append ({@code Events.track}). The profile work needs only this much; the
 * ingestion path's batched writer is expected to take it over.
 */
public interface PluginEventAppender {

    /**
     * Stores a {@code track} event now for the given ids and returns its message id. The event's context carries
     * {@code {"operon": {"plugin": pluginId}}}, which marks it as not the end user's own activity.
     */
    String append(String pluginId, String userId, String anonymousId, String event, Map<String, Object> properties);
}

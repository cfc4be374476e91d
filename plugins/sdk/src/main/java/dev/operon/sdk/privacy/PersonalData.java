package dev.operon.sdk.privacy;

import dev.operon.sdk.data.PluginData;
import java.util.Map;

/**
 * A plugin's part of privacy requests: every plugin that stores data about end users (scores, memberships,
 * messages, recommendations shown) implements it, so that an export is complete and an erasure leaves nothing
 * behind. The platform calls every plugin's hook for one request, then handles its own tables.
 */
public interface PersonalData {

    /**
     * Everything this plugin stores about the subject, as JSON-ready values (maps, lists, strings, numbers,
     * booleans). An empty map when there is nothing.
     */
    Map<String, Object> export(DataSubject subject, PluginData data) throws Exception;

    /**
     * Deletes everything this plugin stores about the subject. Must be idempotent: the platform retries an erasure
     * that failed part-way, and a second request for the same subject must succeed and change nothing.
     */
    void erase(DataSubject subject, PluginData data) throws Exception;
}

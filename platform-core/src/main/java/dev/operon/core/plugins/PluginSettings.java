package dev.operon.core.plugins;

import dev.operon.core.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What admins set for plugins (enabled or not, configuration overrides), kept in the database and cached on each
 * node. The cache is replaced whole by {@link #reload()}; {@link #version()} tells whether another node changed
 * something since.
 */
@ApplicationScoped
public class PluginSettings {

    /** One consistent view of the settings. */
    record Snapshot(long version, Map<String, Boolean> enabled, Map<String, Map<String, String>> config) {

        static final Snapshot EMPTY = new Snapshot(-1, Map.of(), Map.of());

        boolean enabled(String pluginId) {
            return enabled.getOrDefault(pluginId, true);
        }

        Map<String, String> config(String pluginId) {
            return config.getOrDefault(pluginId, Map.of());
        }
    }

    @Inject
    Jdbc jdbc;

    private volatile Snapshot snapshot = Snapshot.EMPTY;

    Snapshot snapshot() {
        return snapshot;
    }

    /** The version counter in the database, bumped by every change. */
    long version() {
        return jdbc.count("select version from plugin_sync where id = 1");
    }

    /** Reads everything again; returns the new snapshot. */
    Snapshot reload() {
        long version = version();
        Map<String, Boolean> enabled = new HashMap<>();
        for (Object[] row : jdbc.list("select plugin_id, enabled from plugin_state",
                rs -> new Object[] {rs.getString(1), rs.getBoolean(2)})) {
            enabled.put((String) row[0], (Boolean) row[1]);
        }
        Map<String, Map<String, String>> config = new HashMap<>();
        for (String[] row : jdbc.list("select plugin_id, key, value from plugin_config",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            config.computeIfAbsent(row[0], id -> new HashMap<>()).put(row[1], row[2]);
        }
        Map<String, Map<String, String>> frozen = new HashMap<>();
        config.forEach((id, values) -> frozen.put(id, Map.copyOf(values)));
        Snapshot fresh = new Snapshot(version, Map.copyOf(enabled), Map.copyOf(frozen));
        snapshot = fresh;
        return fresh;
    }

    /** The admin's value for a key, if any (from the cache). */
    Optional<String> override(String pluginId, String key) {
        return Optional.ofNullable(snapshot.config(pluginId).get(key));
    }

    // ---- writes: run inside the caller's transaction ----

    void setEnabled(String pluginId, boolean enabled, String actor) {
        jdbc.update("""
                insert into plugin_state (plugin_id, enabled, changed_by, changed_at) values (?, ?, ?, now())
                on conflict (plugin_id) do update set enabled = excluded.enabled, changed_by = excluded.changed_by,
                changed_at = now()""", pluginId, enabled, actor);
    }

    void setValue(String pluginId, String key, String value, String actor) {
        jdbc.update("""
                insert into plugin_config (plugin_id, key, value, changed_by, changed_at) values (?, ?, ?, ?, now())
                on conflict (plugin_id, key) do update set value = excluded.value, changed_by = excluded.changed_by,
                changed_at = now()""", pluginId, key, value, actor);
    }

    void clearValue(String pluginId, String key) {
        jdbc.update("delete from plugin_config where plugin_id = ? and key = ?", pluginId, key);
    }

    /** The stored overrides of one plugin, read in the current transaction (not the cache). */
    Map<String, String> storedValues(String pluginId) {
        Map<String, String> values = new HashMap<>();
        for (String[] row : jdbc.list("select key, value from plugin_config where plugin_id = ? for update",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, pluginId)) {
            values.put(row[0], row[1]);
        }
        return values;
    }

    /** Whether the plugin is enabled, read (and locked) in the current transaction. */
    boolean storedEnabled(String pluginId) {
        return jdbc.one("select enabled from plugin_state where plugin_id = ? for update", rs -> rs.getBoolean(1),
                pluginId).orElse(true);
    }

    /** Tells every node that something changed. */
    void bump() {
        jdbc.update("update plugin_sync set version = version + 1 where id = 1");
    }
}

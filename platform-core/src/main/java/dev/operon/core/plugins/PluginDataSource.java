package dev.operon.core.plugins;

import dev.operon.sdk.data.PluginData;
import javax.sql.DataSource;

/** A plugin's view of the platform's connection pool, with its table prefix. */
record PluginDataSource(DataSource dataSource, String tablePrefix) implements PluginData {

    static PluginDataSource of(DataSource dataSource, String pluginId) {
        return new PluginDataSource(dataSource, prefixOf(pluginId));
    }

    /** The prefix of a plugin's tables: its id with dashes as underscores, then an underscore. */
    static String prefixOf(String pluginId) {
        return pluginId.replace('-', '_') + "_";
    }
}

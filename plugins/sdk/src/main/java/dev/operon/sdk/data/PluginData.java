package dev.operon.sdk.data;

import javax.sql.DataSource;

/**
 * A plugin's own tables, created by its migrations and prefixed with {@link #tablePrefix()}. Connections are
 * pooled; each one commits on its own unless the plugin turns auto-commit off and commits itself. A plugin never
 * reads or writes the platform's tables: core data (events, profiles) comes through dedicated SDK services.
 */
public interface PluginData {

    /** The pool to open connections from. Close every connection you open. */
    DataSource dataSource();

    /** The prefix of this plugin's tables: its id with dashes as underscores, then an underscore. */
    String tablePrefix();
}

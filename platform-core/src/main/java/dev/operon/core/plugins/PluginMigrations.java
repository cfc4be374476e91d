package dev.operon.core.plugins;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs a plugin's Flyway migrations against the platform's database, with the plugin's own history table
 * ({@code flyway_<prefix>history}) and the SQL read through the plugin's class loader. Each migration runs in its
 * own transaction; one that creates a table without the plugin's prefix fails and is rolled back.
 */
@ApplicationScoped
public class PluginMigrations {

    @Inject
    AgroalDataSource dataSource;

    /** Migrates; throws {@link MigrationFailure} with a one-line reason. */
    void migrate(String pluginId, String folder, ClassLoader pluginLoader) {
        String prefix = PluginDataSource.prefixOf(pluginId);
        String location = folder.startsWith("/") ? folder.substring(1) : folder;
        location = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        if (location.isBlank()) {
            throw new MigrationFailure("its migrations folder is empty");
        }
        String historyTable = "flyway_" + prefix + "history";
        ClassLoader scoped = new MigrationClassLoader(PluginMigrations.class.getClassLoader(), pluginLoader, location);
        Optional<String> fingerprint = MigrationFingerprint.of(scoped, location);
        if (fingerprint.isPresent() && fingerprint.equals(storedFingerprint(pluginId))) {
            return; // the same migrations succeeded here before: nothing for Flyway to do
        }
        PrefixCheck check = new PrefixCheck(prefix, historyTable);
        try {
            Flyway.configure(scoped)
                    .dataSource(dataSource)
                    .locations("classpath:" + location)
                    .failOnMissingLocations(true)
                    .table(historyTable)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .validateMigrationNaming(true)
                    .callbacks(check)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new MigrationFailure(describe(e, check.failedScript));
        }
        fingerprint.ifPresent(value -> storeFingerprint(pluginId, value));
    }

    private Optional<String> storedFingerprint(String pluginId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select fingerprint from plugin_migration_fingerprint where plugin_id = ?")) {
            ps.setString(1, pluginId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty(); // Flyway decides
        }
    }

    private void storeFingerprint(String pluginId, String fingerprint) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into plugin_migration_fingerprint (plugin_id,"
                     + " fingerprint) values (?, ?) on conflict (plugin_id) do update set fingerprint ="
                     + " excluded.fingerprint, migrated_at = now()")) {
            ps.setString(1, pluginId);
            ps.setString(2, fingerprint);
            ps.executeUpdate();
        } catch (SQLException e) {
            // only the next start's shortcut is lost: Flyway runs again then
        }
    }

    /** One line: our own prefix message, else the failing script and the database's message, else Flyway's. */
    private static String describe(FlywayException e, String script) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof UnprefixedTable unprefixed) {
                return unprefixed.getMessage();
            }
            if (cause instanceof SQLException sql && script != null) {
                return script + " failed: " + firstLine(sql.getMessage());
            }
            cause = cause.getCause();
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String oneLine = String.join(" ", text.strip().split("\\s*\\R\\s*"));
        return oneLine.length() > 600 ? oneLine.substring(0, 600) + "…" : oneLine;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no message";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }

    /** A plugin's migrations failed; the message is one line for the operator. */
    static final class MigrationFailure extends RuntimeException {
        MigrationFailure(String message) {
            super(message);
        }
    }

    private static final class UnprefixedTable extends FlywayException {
        UnprefixedTable(String message) {
            super(message);
        }
    }

    /** Fails (and so rolls back) any migration that creates a table without the plugin's prefix. */
    private static final class PrefixCheck implements Callback {

        private final String prefix;
        private final String historyTable;
        private Set<String> before = Set.of();
        private volatile String failedScript;

        PrefixCheck(String prefix, String historyTable) {
            this.prefix = prefix;
            this.historyTable = historyTable;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
                    || event == Event.AFTER_EACH_MIGRATE_ERROR;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            if (event == Event.AFTER_EACH_MIGRATE_ERROR) {
                failedScript = context.getMigrationInfo() == null ? null : context.getMigrationInfo().getScript();
                return;
            }
            Set<String> tables = tables(context.getConnection());
            if (event == Event.BEFORE_EACH_MIGRATE) {
                before = tables;
                return;
            }
            Set<String> wrong = new TreeSet<>();
            for (String table : tables) {
                if (!before.contains(table) && !table.startsWith(prefix) && !table.equals(historyTable)) {
                    wrong.add(table);
                }
            }
            if (!wrong.isEmpty()) {
                String script = context.getMigrationInfo() == null ? "a migration" : context.getMigrationInfo().getScript();
                throw new UnprefixedTable(script + " creates tables without the prefix '" + prefix + "': "
                        + String.join(", ", wrong) + " (rolled back)");
            }
        }

        @Override
        public String getCallbackName() {
            return "operon-table-prefix-check";
        }

        private static Set<String> tables(Connection connection) {
            Set<String> names = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "select table_name from information_schema.tables where table_schema = current_schema()");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            } catch (SQLException e) {
                throw new FlywayException("cannot list tables: " + e.getMessage(), e);
            }
            return names;
        }
    }

    /**
     * Finds resources under the migrations folder through the plugin's class loader only (a plugin folder named like
     * the core's must not pick up the core's migrations), and everything else (Flyway's own) through the platform's.
     */
    private static final class MigrationClassLoader extends ClassLoader {

        private final ClassLoader plugin;
        private final String folder;

        MigrationClassLoader(ClassLoader platform, ClassLoader plugin, String folder) {
            super(platform);
            this.plugin = plugin;
            this.folder = folder;
        }

        private boolean inFolder(String name) {
            String path = name.startsWith("/") ? name.substring(1) : name;
            return path.equals(folder) || path.equals(folder + "/") || path.startsWith(folder + "/");
        }

        @Override
        public URL getResource(String name) {
            return inFolder(name) ? plugin.getResource(name) : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return inFolder(name) ? plugin.getResources(name) : super.getResources(name);
        }
    }
}

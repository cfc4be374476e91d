package dev.operon.sdk.testkit;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.data.PluginData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A plugin's data in a test. The database is set up on the first call of {@link #dataSource()}: the one given to the
 * kit, else a fresh database on an embedded PostgreSQL. The plugin's migrations then run with Flyway and the plugin's
 * own history table ({@code <prefix>schema_history}); on the kit's own database, a table created without the
 * plugin's prefix fails the setup, as it breaks the platform's rule.
 */
final class KitData implements PluginData {

    private final OperonPlugin plugin;
    private final DataSource given;
    private final String prefix;
    private volatile DataSource ready;

    KitData(OperonPlugin plugin, DataSource given) {
        this.plugin = plugin;
        this.given = given;
        this.prefix = plugin.info().id().replace('-', '_') + "_";
    }

    @Override
    public DataSource dataSource() {
        DataSource current = ready;
        if (current == null) {
            synchronized (this) {
                if (ready == null) {
                    DataSource fresh = given != null ? given : SharedPostgres.newDatabase();
                    migrate(fresh);
                    if (given == null) {
                        checkPrefixes(fresh);
                    }
                    ready = fresh;
                }
                current = ready;
            }
        }
        return current;
    }

    @Override
    public String tablePrefix() {
        return prefix;
    }

    private void migrate(DataSource dataSource) {
        String folder = plugin.migrations().orElse(null);
        if (folder == null) {
            return;
        }
        String location = folder.startsWith("classpath:") ? folder : "classpath:" + folder;
        try {
            Flyway.configure(plugin.getClass().getClassLoader())
                    .dataSource(dataSource)
                    .locations(location)
                    .table(prefix + "schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new PluginRefusedException("plugin " + plugin.info().id() + " refused: its migrations in " + folder
                    + " failed: " + e.getMessage(), e);
        }
    }

    private void checkPrefixes(DataSource dataSource) {
        List<String> foreign = new ArrayList<>();
        String sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND left(table_name, ?) <> ? ORDER BY table_name";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, prefix.length());
            s.setString(2, prefix);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    foreign.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the tables the migrations created", e);
        }
        if (!foreign.isEmpty()) {
            throw new PluginRefusedException("plugin " + plugin.info().id() + " refused: its migrations created tables"
                    + " without its prefix '" + prefix + "': " + foreign);
        }
    }
}

package dev.operon.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void thePlatformsOwnServerWaitsForTheWalOnCommit() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startOrAdopt(dataDir)) {
            assertTrue(database.owned());
            assertEquals("on", setting(database, "synchronous_commit"),
                    "an acknowledged commit (an accepted event batch) must survive a database crash");
        }
    }

    @Test
    void operatorSettingsReachTheServer() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0,
                ServerSettings.resolve("work_mem=12MB,max_wal_size=2GB"))) {
            assertEquals("12MB", setting(database, "work_mem"));
            assertEquals("2GB", setting(database, "max_wal_size"));
            assertEquals("on", setting(database, "synchronous_commit"), "the defaults still apply");
        }
    }

    @Test
    void aSettingTheServerDoesNotKnowStopsTheStartWithItsName() {
        Instant started = Instant.now();
        IOException error = assertThrows(IOException.class, () -> EmbeddedDatabase.start(dataDir, 0,
                ServerSettings.resolve("no_such_setting=1")).close());
        assertTrue(error.getMessage().contains("the server said: unrecognized configuration parameter \"no_such_setting\""),
                error.getMessage());
        assertTrue(Duration.between(started, Instant.now()).toSeconds() < 30,
                "pg_ctl's report ends the start at once, without the library's whole minute of waiting");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    private static String setting(EmbeddedDatabase database, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("show " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}

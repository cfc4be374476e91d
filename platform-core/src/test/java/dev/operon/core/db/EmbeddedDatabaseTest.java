package dev.operon.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
                 Statement statement = connection.createStatement();
                 ResultSet setting = statement.executeQuery("show synchronous_commit")) {
                setting.next();
                assertEquals("on", setting.getString(1),
                        "an acknowledged commit (an accepted event batch) must survive a database crash");
            }
        }
    }
}

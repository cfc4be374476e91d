package dev.operon.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.sdk.data.PluginData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PluginData#inTransaction}: committed on return, rolled back on a throw, on the kit's real PostgreSQL. */
class TransactionsTest {

    @Test
    void workIsCommittedWhenItReturnsAndRolledBackWhenItThrows() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new SamplePlugin(), Map.of("greeting", "hi"))) {
            PluginData data = kit.data();
            long id = data.inTransaction(c -> insert(c, "kept"));
            assertTrue(id > 0);

            IllegalStateException thrown = new IllegalStateException("refused half way");
            assertSame(thrown, assertThrows(IllegalStateException.class, () -> data.inTransactionWithoutResult(c -> {
                insert(c, "lost");
                throw thrown;
            })));
            assertThrows(SQLException.class, () -> data.inTransaction(c -> {
                insert(c, "lost too");
                return insert(c, null);
            }));

            assertEquals(1, count(data));
            try (Connection c = data.dataSource().getConnection()) {
                assertTrue(c.getAutoCommit(), "the pool's connections are handed out with auto-commit on");
            }
        }
    }

    private static long insert(Connection c, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kit_sample_note (text) VALUES (?) RETURNING id")) {
            ps.setString(1, text);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long count(PluginData data) throws SQLException {
        try (Connection c = data.dataSource().getConnection();
             ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM kit_sample_note")) {
            r.next();
            return r.getLong(1);
        }
    }
}

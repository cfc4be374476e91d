package dev.operon.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.sdk.data.PluginData;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
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

    /**
     * A pool keeps the connection open and turns auto-commit back on when it is handed back, which commits whatever
     * is still open: only the rollback keeps a failed transaction's writes out. The kit's own data source closes its
     * connections (and the server then drops the transaction), so this one hands out a single connection that stays
     * open, as a pool does.
     */
    @Test
    void failedWorkIsRolledBackBeforeAPoolCouldCommitIt() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new SamplePlugin(), Map.of("greeting", "hi"))) {
            try (Connection physical = kit.data().dataSource().getConnection()) {
                PluginData pooled = pooledOn(physical, kit.data().tablePrefix());
                assertThrows(IllegalStateException.class, () -> pooled.inTransactionWithoutResult(c -> {
                    insert(c, "written before the failure");
                    throw new IllegalStateException("refused half way");
                }));
                physical.setAutoCommit(true);   // what the pool does next
                assertEquals(0, count(kit.data()));
            }
        }
    }

    private static PluginData pooledOn(Connection physical, String prefix) {
        Connection kept = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DataSource oneConnection = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return kept;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new PluginData() {
            @Override
            public DataSource dataSource() {
                return oneConnection;
            }

            @Override
            public String tablePrefix() {
                return prefix;
            }
        };
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

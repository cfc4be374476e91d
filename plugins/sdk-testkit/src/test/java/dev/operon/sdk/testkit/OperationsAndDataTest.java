package dev.operon.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.sdk.operation.Operation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Operations (roles, audit) and plugin data on the embedded PostgreSQL with the plugin's migrations. */
class OperationsAndDataTest {

    @Test
    void anActionNeedsItsRoleAndEveryCallIsAudited() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new SamplePlugin(), Map.of("greeting", "hi"))) {
            AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                    () -> kit.call("add-note", Map.of("text", "first"), Operation.Role.VIEWER));
            assertEquals("operation add-note requires role operator; the caller has viewer", denied.getMessage());

            Object after = kit.call("add-note", Map.of("text", "first"), Operation.Role.OPERATOR);
            assertEquals(new SamplePlugin.Count(1), after);
            assertEquals(new SamplePlugin.Count(1), kit.call("count-notes", null, Operation.Role.VIEWER));

            List<AuditRecord> audit = kit.auditLog();
            assertEquals(2, audit.size(), "queries are not audited: " + audit);
            assertEquals(new AuditRecord("add-note", "test:viewer", AuditRecord.Outcome.DENIED, null, null, null),
                    audit.get(0));
            AuditRecord done = audit.get(1);
            assertEquals("test:operator", done.actor());
            assertEquals(AuditRecord.Outcome.SUCCEEDED, done.outcome());
            assertEquals(new SamplePlugin.NoteInput("first"), done.input());
            assertEquals(new SamplePlugin.Count(0), done.before());
            assertEquals(new SamplePlugin.Count(1), done.after());

            InvalidInputException blank = assertThrows(InvalidInputException.class,
                    () -> kit.call("add-note", Map.of("text", ""), Operation.Role.ADMIN));
            assertEquals(List.of("text"), blank.fields());
        }
    }

    @Test
    void migrationsRunOnAFreshDatabaseWithThePluginsOwnHistoryTable() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new SamplePlugin(), Map.of("greeting", "hi"));
             PluginTestKit other = PluginTestKit.start(new SamplePlugin(), Map.of("greeting", "hi"))) {
            kit.call("add-note", Map.of("text", "only here"), Operation.Role.OPERATOR);
            assertEquals(new SamplePlugin.Count(0), other.call("count-notes", null), "each kit has its own database");
            assertEquals("kit_sample_", kit.data().tablePrefix());
            List<String> tables = new ArrayList<>();
            try (Connection c = kit.data().dataSource().getConnection();
                 ResultSet rows = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            assertEquals(List.of("kit_sample_note", "kit_sample_schema_history"), tables.stream().sorted().toList());
        }
    }

    @Test
    void aMigrationCreatingAnUnprefixedTableRefusesThePlugin() {
        SamplePlugin plugin = new SamplePlugin() {
            @Override
            public Optional<String> migrations() {
                return Optional.of("db/kit-sample-bad");
            }
        };
        try (PluginTestKit kit = PluginTestKit.start(plugin, Map.of("greeting", "hi"))) {
            PluginRefusedException e = assertThrows(PluginRefusedException.class, () -> kit.data().dataSource());
            assertEquals("plugin kit-sample refused: its migrations created tables without its prefix"
                    + " 'kit_sample_': [note]", e.getMessage());
        }
    }

    @Test
    void noDatabaseStartsUnlessDataIsUsed() {
        try (PluginTestKit kit = PluginTestKit.start(new SamplePlugin(), Map.of("greeting", "hi"))) {
            kit.runTask("kit-sample.echo", Map.of("text", "x", "times", 1)).output();
            assertNull(readyField(kit));
        }
    }

    private static Object readyField(PluginTestKit kit) {
        try {
            java.lang.reflect.Field field = KitData.class.getDeclaredField("ready");
            field.setAccessible(true);
            return field.get(kit.data());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}

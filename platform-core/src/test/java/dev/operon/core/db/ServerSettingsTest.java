package dev.operon.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void overridesComeAfterTheDefaultsAndReplaceThem() {
        Map<String, String> settings = ServerSettings.resolve(" shared_buffers=1GB , synchronous_commit=off,");

        assertEquals("1GB", settings.get("shared_buffers"));
        assertEquals("off", settings.get("synchronous_commit"), "an operator may trade durability for speed");
        assertEquals("300", settings.get("max_connections"));
        assertEquals(List.of("synchronous_commit", "max_connections", "listen_addresses", "shared_buffers"),
                List.copyOf(settings.keySet()));
    }

    @Test
    void noOverridesMeansTheDefaults() {
        assertEquals(ServerSettings.defaults(), ServerSettings.resolve(null));
        assertEquals(ServerSettings.defaults(), ServerSettings.resolve("  "));
    }

    @Test
    void malformedEntriesAreRefusedWithTheEntryNamed() {
        assertMessage("max_wal_size", "'max_wal_size' is not name=value");
        assertMessage("=4GB", "'=4GB' is not name=value");
        assertMessage("max_wal_size=", "'max_wal_size=' is not name=value");
        assertMessage("max wal=4GB", "'max wal' is not a PostgreSQL setting name");
        assertMessage("work_mem=4MB' -c x='y", "the value of 'work_mem' is empty or holds a quote");
    }

    private static void assertMessage(String spec, String expected) {
        ServerSettings.InvalidException error =
                assertThrows(ServerSettings.InvalidException.class, () -> ServerSettings.resolve(spec));
        assertTrue(error.getMessage().startsWith("OPERON_DB_SETTINGS: "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}

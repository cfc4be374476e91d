package dev.operon.core.testing;

import dev.operon.core.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real PostgreSQL that tests run against: {@code OPERON_DB_URL} when set (with {@code OPERON_DB_USER} and
 * {@code OPERON_DB_PASSWORD}), otherwise a fresh embedded server for this test JVM.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_PASSWORD = "admin-test-password-1";

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        String url = System.getenv("OPERON_DB_URL");
        if (url != null && !url.isBlank()) {
            return Map.of("operon.db.url", url,
                    "operon.db.user", System.getenv().getOrDefault("OPERON_DB_USER", "postgres"),
                    "operon.db.password", System.getenv().getOrDefault("OPERON_DB_PASSWORD", ""),
                    "operon.admin-password", ADMIN_PASSWORD);
        }
        try {
            Path folder = Files.createTempDirectory("operon-test-db");
            database = EmbeddedDatabase.startFresh(folder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL for tests", e);
        }
        return Map.of("operon.db.url", database.jdbcUrl(),
                "operon.db.user", EmbeddedDatabase.USER,
                "operon.db.password", "",
                "operon.admin-password", ADMIN_PASSWORD);
    }

    @Override
    public void stop() {
        if (database != null) {
            try {
                database.close();
            } catch (IOException ignored) {
                // the folder is temporary; nothing else depends on a clean stop
            }
        }
    }
}

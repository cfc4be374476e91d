package dev.operon.core.plugins;

import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.json;
import static dev.operon.core.testing.Api.runType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.plugins.jars.GoodJarPlugin;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plugin jars dropped into the plugins folder of the running platform and picked up by a rescan: one that loads (in
 * its own class loader, seeing the SDK and not the platform), and one for each reason to refuse a plugin. The
 * platform keeps running whatever the jars do.
 */
@QuarkusTest
@TestSecurity(user = "plugin-loader", roles = {"admin", "operator", "viewer"})
class PluginLoadingTest {

    private static final String PACKAGE = "dev.operon.core.plugins.jars.";

    @ConfigProperty(name = "operon.core.plugins.dir")
    String folder;

    @Inject
    PluginRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    private final List<Path> dropped = new ArrayList<>();

    @AfterEach
    void removeJars() throws IOException {
        for (Path jar : dropped) {
            Files.deleteIfExists(jar);
        }
        if (!dropped.isEmpty()) {
            rescan();
        }
    }

    private Path drop(String file, String pluginClass, String service, Map<String, String> resources)
            throws IOException {
        Path jar = TestJars.build(Path.of(folder).resolve(file), PACKAGE + pluginClass, service, resources);
        dropped.add(jar);
        return jar;
    }

    private Path drop(String file, String pluginClass) throws IOException {
        return drop(file, pluginClass, PACKAGE + pluginClass + "\n", Map.of());
    }

    private static JsonPath rescan() {
        return json().post("/api/v1/plugins/rescan").then().statusCode(200).extract().jsonPath();
    }

    /** The list entry whose source is {@code jar}. */
    private static Map<String, Object> listed(Path jar) {
        List<Map<String, Object>> plugins = json().get("/api/v1/plugins").then().statusCode(200).extract().jsonPath()
                .getList("$");
        return plugins.stream().filter(p -> jar.toString().equals(p.get("source"))).findFirst()
                .orElseThrow(() -> new AssertionError(jar + " is not listed: " + plugins));
    }

    @Test
    void everyRefusalSaysWhyAndThePlatformRunsOn() throws Exception {
        Path duplicate = drop("duplicate.jar", "DuplicateIdPlugin");
        Path future = drop("future.jar", "FutureSdkPlugin");
        Path noServices = drop("no-services.jar", "StartFailsPlugin", null, Map.of());
        Path missingClass = drop("missing-class.jar", "StartFailsPlugin", PACKAGE + "NoSuchPlugin\n", Map.of());
        Path badSql = drop("bad-sql.jar", "BadMigrationPlugin", PACKAGE + "BadMigrationPlugin\n",
                Map.of("db/jar-bad-sql/V1__broken.sql", "create table jar_bad_sql_thing (id bigint primary key);\n"
                        + "this is not sql;\n"));
        Path unprefixed = drop("unprefixed.jar", "UnprefixedTablePlugin", PACKAGE + "UnprefixedTablePlugin\n",
                Map.of("db/jar-unprefixed/V1__widgets.sql", "create table jar_unprefixed_ok (id bigint);\n"
                        + "create table unprefixed_widget (id bigint);\n"));
        Path startFails = drop("start-fails.jar", "StartFailsPlugin");
        Path badConfig = drop("bad-config.jar", "BadConfigPlugin");
        Path badTask = drop("bad-task.jar", "BadTaskIdPlugin");

        JsonPath rescan = rescan();
        assertThat(rescan.getList("loaded", String.class)).contains("test-kit", "jar-future", "no-services.jar",
                "missing-class.jar", "jar-bad-sql", "jar-unprefixed", "jar-start-fails", "jar-bad-config",
                "jar-bad-task");

        assertRefused(duplicate, "its id 'test-kit' is taken by the plugin from classpath");
        assertRefused(future, "built for SDK [2.0,3.0), which does not include this platform's SDK "
                + dev.operon.sdk.Sdk.VERSION);
        assertRefused(noServices, "the jar has no META-INF/services/dev.operon.sdk.OperonPlugin");
        assertRefused(missingClass, "lists no loadable plugin class");
        assertRefused(badSql, "its migrations failed: V1__broken.sql failed: ERROR: syntax error at or near"
                + " \"this\"");
        assertRefused(unprefixed, "V1__widgets.sql creates tables without the prefix 'jar_unprefixed_': "
                + "unprefixed_widget (rolled back)");
        assertRefused(startFails, "its start failed: IllegalStateException: no licence file found");
        assertRefused(badConfig, "its configuration is invalid: endpoint: required, not set; retries: must be a"
                + " whole number");
        assertRefused(badTask, "task type id 'core.stray' does not start with 'jar-bad-task.'");

        // the failed migrations left nothing behind: each one ran in a transaction that was rolled back
        assertThat(tables()).doesNotContain("unprefixed_widget", "jar_unprefixed_ok", "jar_bad_sql_thing")
                .contains("test_kit_note", "flyway_test_kit_history");
        // a refused plugin's declarations stay out of the engine, and the classpath plugin keeps its id
        json().get("/api/v1/task-types/core.stray").then().statusCode(404);
        assertThat(json().get("/api/v1/plugins/test-kit").then().statusCode(200).extract().jsonPath()
                .getString("source")).isEqualTo("classpath");
        assertThat(awaitEnd(runType("core.noop", Map.of()), Duration.ofSeconds(15)).getString("state"))
                .isEqualTo("succeeded");
    }

    private static void assertRefused(Path jar, String reason) {
        Map<String, Object> plugin = listed(jar);
        assertThat(plugin.get("status")).as(jar.getFileName().toString()).isEqualTo("refused");
        assertThat((String) plugin.get("reason")).as(jar.getFileName().toString()).contains(reason);
    }

    @Test
    void aJarPluginRunsInItsOwnClassLoaderThatSharesOnlyTheSdk() throws Exception {
        int closesBefore = Integer.getInteger(GoodJarPlugin.CLOSES, 0);
        Path jar = drop("good.jar", "GoodJarPlugin", PACKAGE + "GoodJarPlugin\n",
                Map.of("db/jar-good/V1__items.sql", "create table jar_good_item (id bigint primary key);\n"));
        assertThat(rescan().getList("loaded", String.class)).contains("jar-good");

        JsonPath plugin = json().get("/api/v1/plugins/jar-good").then().statusCode(200).extract().jsonPath();
        assertThat(plugin.getString("status")).isEqualTo("active");
        assertThat(plugin.getString("source")).isEqualTo(jar.toString());
        assertThat(plugin.getString("version")).isEqualTo("2.1");
        assertThat(plugin.getList("taskTypes", String.class)).containsExactly("jar-good.hello");
        assertThat(tables()).contains("jar_good_item", "flyway_jar_good_history");
        // its migrations succeeded: the next start skips Flyway for it while the folder stays the same
        assertThat(fingerprinted()).contains("jar-good", "test-kit", "anomaly", "cs", "recommend");

        PluginEntry entry = registry.find("jar-good").orElseThrow();
        ClassLoader loader = entry.plugin().getClass().getClassLoader();
        assertThat(loader).isInstanceOf(PluginClassLoader.class).isSameAs(entry.loader())
                .isNotSameAs(GoodJarPlugin.class.getClassLoader());
        assertThat(entry.plugin().getClass()).isNotSameAs(GoodJarPlugin.class);

        // inside the plugin: its own loader (also as context loader), the SDK from the platform, no platform class
        JsonPath platformClass = json().body(Map.of("className", "dev.operon.core.tasks.TaskService"))
                .post("/api/v1/plugins/jar-good/operations/probe").then().statusCode(200).extract().jsonPath();
        assertThat(platformClass.getBoolean("visible")).isFalse();
        assertThat(platformClass.getString("loader")).isEqualTo("plugin:good.jar");
        assertThat(platformClass.getString("contextLoader")).isEqualTo("plugin:good.jar");
        assertThat(platformClass.getBoolean("sdkFromPlatform")).isTrue();
        for (String shared : List.of("dev.operon.sdk.Sdk", "ai.djl.Model", "jakarta.validation.Valid",
                "java.sql.Connection")) {
            assertThat(json().body(Map.of("className", shared)).post("/api/v1/plugins/jar-good/operations/probe")
                    .then().statusCode(200).extract().jsonPath().getBoolean("visible")).as(shared).isTrue();
        }
        for (String hidden : List.of("io.quarkus.runtime.Quarkus", "com.fasterxml.jackson.databind.ObjectMapper",
                "dev.operon.core.plugins.TestPlugin")) {
            assertThat(json().body(Map.of("className", hidden)).post("/api/v1/plugins/jar-good/operations/probe")
                    .then().statusCode(200).extract().jsonPath().getBoolean("visible")).as(hidden).isFalse();
        }
        // its input records are validated like any other: the constraint comes through the shared annotations
        json().body(Map.of("className", " ")).post("/api/v1/plugins/jar-good/operations/probe").then()
                .statusCode(422);

        JsonPath run = awaitEnd(runType("jar-good.hello", Map.of("name", "jar")), Duration.ofSeconds(15));
        assertThat(run.getString("state")).isEqualTo("succeeded");
        assertThat(run.getString("output.greeting")).isEqualTo("hello jar");
        assertThat(run.getString("output.loader")).isEqualTo("plugin:good.jar");

        // removed from the folder: closed, its class loader closed, its task type gone
        Files.delete(jar);
        dropped.remove(jar);
        assertThat(rescan().getList("unloaded", String.class)).contains("jar-good");
        assertThat(Integer.getInteger(GoodJarPlugin.CLOSES, 0)).isEqualTo(closesBefore + 1);
        assertThat(((PluginClassLoader) loader).isClosed()).isTrue();
        json().get("/api/v1/plugins/jar-good").then().statusCode(404);
        json().get("/api/v1/task-types/jar-good.hello").then().statusCode(404);
    }

    @Test
    void aPluginRefusedForItsConfigurationStartsOnceAnAdminFixesIt() throws Exception {
        Path jar = drop("bad-config.jar", "BadConfigPlugin");
        rescan();
        assertThat(listed(jar).get("status")).isEqualTo("refused");

        json().body(Map.of("endpoint", "not a url", "retries", "many")).put("/api/v1/plugins/jar-bad-config/config")
                .then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("endpoint", "retries"));
        assertThat(listed(jar).get("status")).isEqualTo("refused");

        try {
            json().body(Map.of("endpoint", "https://hooks.example.test/in", "retries", 3))
                    .put("/api/v1/plugins/jar-bad-config/config").then().statusCode(200);
            Map<String, Object> fixed = listed(jar);
            assertThat(fixed.get("status")).isEqualTo("active");
            assertThat(fixed.get("reason")).isNull();
        } finally {
            // the values outlive the jar (they are the admin's); other tests expect this plugin unconfigured
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement delete = connection.prepareStatement(
                         "delete from plugin_config where plugin_id = 'jar-bad-config'")) {
                delete.executeUpdate();
            }
        }
    }

    @Test
    void aJarCanBeReplacedInPlaceAndARefusedDuplicateTakesOverWhenTheHolderLeaves() throws Exception {
        Path first = drop("a-first.jar", "StartFailsPlugin");
        rescan();
        assertThat(listed(first).get("status")).isEqualTo("refused");
        // the same file name now holds a plugin that starts: a rescan sees a new jar
        Files.delete(first);
        dropped.remove(first);
        Path replaced = drop("a-first.jar", "GoodJarPlugin", PACKAGE + "GoodJarPlugin\n",
                Map.of("db/jar-good/V1__items.sql", "create table jar_good_item (id bigint primary key);\n"));
        Path second = drop("b-second.jar", "GoodJarPlugin", PACKAGE + "GoodJarPlugin\n",
                Map.of("db/jar-good/V1__items.sql", "create table jar_good_item (id bigint primary key);\n"));
        rescan();
        assertThat(listed(replaced).get("status")).isEqualTo("active");
        assertThat((String) listed(second).get("reason")).contains("its id 'jar-good' is taken by the plugin from "
                + replaced);

        Files.delete(replaced);
        dropped.remove(replaced);
        rescan();
        assertThat(listed(second).get("status")).isEqualTo("active");
        assertThat(json().get("/api/v1/plugins/jar-good").then().statusCode(200).extract().jsonPath()
                .getString("source")).isEqualTo(second.toString());
    }

    private List<String> fingerprinted() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select plugin_id from plugin_migration_fingerprint where length(fingerprint) = 64");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select table_name from information_schema.tables where table_schema = current_schema()");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}

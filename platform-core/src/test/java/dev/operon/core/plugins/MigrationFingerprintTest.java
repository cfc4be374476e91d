package dev.operon.core.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationFingerprintTest {

    @TempDir
    Path temp;

    @Test
    void theSameFilesGiveTheSameFingerprintInAFolderAndInAJarAndAnyChangeGivesAnother() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/shop/V1__items.sql", "create table shop_item (id bigint);\n");
        files.put("db/shop/V2__prices.sql", "alter table shop_item add column price numeric;\n");
        files.put("db/other/V1__x.sql", "create table other_x (id bigint);\n");

        String inFolder = fingerprintOfFolder(temp.resolve("a"), files);
        String inJar = fingerprintOfJar(temp.resolve("a.jar"), files);
        assertThat(inFolder).hasSize(64).isEqualTo(inJar);

        Map<String, String> edited = new LinkedHashMap<>(files);
        edited.put("db/shop/V2__prices.sql", "alter table shop_item add column price numeric(10, 2);\n");
        assertThat(fingerprintOfFolder(temp.resolve("b"), edited)).isNotEqualTo(inFolder);

        Map<String, String> added = new LinkedHashMap<>(files);
        added.put("db/shop/V3__stock.sql", "alter table shop_item add column stock int;\n");
        assertThat(fingerprintOfJar(temp.resolve("c.jar"), added)).isNotEqualTo(inJar);

        Map<String, String> renamed = new LinkedHashMap<>(files);
        renamed.put("db/shop/V3__prices.sql", renamed.remove("db/shop/V2__prices.sql"));
        assertThat(fingerprintOfFolder(temp.resolve("d"), renamed)).isNotEqualTo(inFolder);

        Map<String, String> otherPluginChanged = new LinkedHashMap<>(files);
        otherPluginChanged.put("db/other/V1__x.sql", "create table other_x (id text);\n");
        assertThat(fingerprintOfFolder(temp.resolve("e"), otherPluginChanged)).isEqualTo(inFolder);
    }

    @Test
    void aFolderThatIsNotThereHasNoFingerprintSoFlywayRuns() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {temp.toUri().toURL()}, null)) {
            assertThat(MigrationFingerprint.of(loader, "db/missing")).isEmpty();
        }
    }

    private static String fingerprintOfFolder(Path root, Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return MigrationFingerprint.of(loader, "db/shop").orElseThrow();
        }
    }

    private static String fingerprintOfJar(Path jar, Map<String, String> files) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String dir : new String[] {"db/", "db/shop/", "db/other/"}) {
                out.putNextEntry(new JarEntry(dir));
                out.closeEntry();
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new JarEntry(file.getKey()));
                out.write(file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Optional<String> fingerprint = MigrationFingerprint.of(loader, "db/shop");
            return fingerprint.orElseThrow();
        }
    }
}

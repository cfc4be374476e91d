package dev.operon.core.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A SHA-256 over the names and contents of every file under a plugin's migrations folder, as its class loader sees
 * it (jar or directory). Empty when the folder cannot be listed (an unknown URL scheme): then Flyway always runs.
 */
final class MigrationFingerprint {

    private MigrationFingerprint() {
    }

    static Optional<String> of(ClassLoader loader, String folder) {
        try {
            Map<String, byte[]> files = new TreeMap<>();
            Enumeration<URL> roots = loader.getResources(folder);
            boolean any = false;
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                any = true;
                if (!collect(root, folder, files)) {
                    return Optional.empty();
                }
            }
            if (!any) {
                return Optional.empty();
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Integer.toString(file.getValue().length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) 0);
                digest.update(file.getValue());
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | NoSuchAlgorithmException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean collect(URL root, String folder, Map<String, byte[]> files)
            throws IOException, URISyntaxException {
        switch (root.getProtocol()) {
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = folder + "/";
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                files.put(entry.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
                return true;
            }
            case "file" -> {
                Path dir = Path.of(root.toURI());
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                        files.put(folder + "/" + dir.relativize(file).toString().replace('\\', '/'),
                                Files.readAllBytes(file));
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}

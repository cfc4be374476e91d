package dev.operon.core.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packages compiled test classes into plugin jars at test time, as a plugin's build would: the class files of one
 * plugin class and its nested classes (read from the test output folder, nothing is compiled), a services file, and
 * resources such as migrations, with the directory entries a class loader needs to list folders.
 */
public final class TestJars {

    private TestJars() {
    }

    /**
     * Writes a jar to {@code target} (through a temporary file and a move, so that a rescan never sees half a jar).
     *
     * @param className  the plugin class, packaged with its nested classes
     * @param service    the services file's content, or null for a jar without one
     * @param resources  more entries: path to text
     */
    public static Path build(Path target, String className, String service, Map<String, String> resources)
            throws IOException {
        Path classes = classesFolder(className);
        String packagePath = className.substring(0, className.lastIndexOf('.')).replace('.', '/');
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        List<Path> files;
        try (Stream<Path> list = Files.list(classes.resolve(packagePath))) {
            files = list.filter(f -> {
                String name = f.getFileName().toString();
                return name.equals(simpleName + ".class") || name.startsWith(simpleName + "$");
            }).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no class files for " + className + " in " + classes);
        }
        Path temporary = Files.createTempFile(target.getParent(), ".building", ".tmp");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(temporary), manifest)) {
            Set<String> folders = new LinkedHashSet<>();
            for (Path file : files) {
                add(jar, folders, packagePath + "/" + file.getFileName(), Files.readAllBytes(file));
            }
            if (service != null) {
                add(jar, folders, PluginRegistry.SERVICE_FILE, service.getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                add(jar, folders, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void add(JarOutputStream jar, Set<String> folders, String path, byte[] content) throws IOException {
        String[] parts = path.split("/");
        StringBuilder folder = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            folder.append(parts[i]).append('/');
            if (folders.add(folder.toString())) {
                jar.putNextEntry(new JarEntry(folder.toString()));
                jar.closeEntry();
            }
        }
        jar.putNextEntry(new JarEntry(path));
        try (OutputStream out = new NonClosing(jar)) {
            out.write(content);
        }
        jar.closeEntry();
    }

    /** The folder the test classes were compiled to. */
    private static Path classesFolder(String className) {
        URL url = TestJars.class.getClassLoader().getResource(className.replace('.', '/') + ".class");
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                Path file = Path.of(url.toURI());
                int depth = className.split("\\.").length;
                Path root = file;
                for (int i = 0; i < depth; i++) {
                    root = root.getParent();
                }
                return root;
            } catch (URISyntaxException e) {
                // fall through to the build's folder
            }
        }
        return Path.of("target", "test-classes").toAbsolutePath();
    }

    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}

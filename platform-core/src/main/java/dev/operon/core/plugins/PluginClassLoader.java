package dev.operon.core.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin jar. It shares with the platform only the plugin SDK ({@code dev.operon.sdk}), DJL
 * ({@code ai.djl}), Jakarta Validation ({@code jakarta.validation}) and SLF4J ({@code org.slf4j}), taken from the
 * platform first, and the JDK. Everything else comes from the jar alone, so a plugin may bundle its own libraries and
 * never sees the platform's classes or resources (its {@code META-INF/services} files included).
 */
public final class PluginClassLoader extends URLClassLoader {

    /** Packages that plugins share with the platform, as class name prefixes. */
    static final List<String> SHARED_PACKAGES = List.of("dev.operon.sdk.", "ai.djl.", "jakarta.validation.",
            "org.slf4j.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader platform;
    private final Path jar;
    private volatile boolean closed;

    /**
     * @param jar      the plugin jar
     * @param platform the loader that holds the shared packages (the one that loaded the SDK)
     */
    public PluginClassLoader(Path jar, ClassLoader platform) {
        // The JDK (platform class loader) is the parent: java.*, javax.sql and the like resolve there first.
        super("plugin:" + jar.getFileName(), new URL[] {url(jar)}, ClassLoader.getPlatformClassLoader());
        this.platform = platform;
        this.jar = jar;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar this loader reads. */
    public Path jar() {
        return jar;
    }

    /** True once {@link #close()} ran (the plugin was unloaded). */
    public boolean isClosed() {
        return closed;
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resources of the shared packages, DJL's service files (so that DJL's engine lookup from a plugin thread finds
     * the platform's engines), and the native libraries and settings DJL's engines read as resources.
     */
    private static boolean isSharedResource(String name) {
        if (name.startsWith(SERVICES)) {
            // DJL's service files only: a plugin's own OperonPlugin service file must stay its own
            return name.startsWith(SERVICES + "ai.djl.");
        }
        for (String prefix : SHARED_NATIVE_RESOURCES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return isShared(name.replace('/', '.'));
    }

    private static final String SERVICES = "META-INF/services/";
    private static final List<String> SHARED_NATIVE_RESOURCES = List.of("jnilib/", "pytorch/", "native/lib/",
            "onnxruntime/", "pytorch-engine.properties");

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            try {
                return platform.loadClass(name);
            } catch (ClassNotFoundException notShared) {
                // a DJL engine or extension the platform does not ship: the plugin may bundle it
            }
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (isSharedResource(name)) {
            URL shared = platform.getResource(name);
            if (shared != null) {
                return shared;
            }
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!isSharedResource(name)) {
            return super.getResources(name);
        }
        List<URL> all = new ArrayList<>(Collections.list(platform.getResources(name)));
        all.addAll(Collections.list(super.getResources(name)));
        return Collections.enumeration(all);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
    }

    @Override
    public String toString() {
        return getName();
    }
}

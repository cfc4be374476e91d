package dev.operon.core.plugins;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import java.nio.file.Path;

/**
 * One plugin found by this node, whatever became of it: its source, the instance (unless it could not even be
 * created), its status and, when refused, why. Changed only by the {@link PluginRegistry}, under its lock.
 */
public final class PluginEntry {

    /** Where plugins on the classpath come from. */
    public static final String CLASSPATH = "classpath";

    private final String id;
    private final String source;
    private final PluginJar jar;
    private volatile OperonPlugin plugin;
    private volatile boolean used;
    private volatile boolean renewable = true;
    private final PluginInfo info;
    private final PluginClassLoader loader;
    private volatile PluginServices services;
    private volatile PluginStatus status;
    private volatile String reason;
    private volatile boolean recoverable;
    private volatile boolean duplicate;
    private volatile Object appliedSettings;

    private PluginEntry(String id, String source, PluginJar jar, OperonPlugin plugin, PluginInfo info,
                        PluginClassLoader loader) {
        this.id = id;
        this.source = source;
        this.jar = jar;
        this.plugin = plugin;
        this.info = info;
        this.loader = loader;
    }

    /** A plugin instance with its info, not yet checked. */
    static PluginEntry of(OperonPlugin plugin, PluginInfo info, String source, PluginJar jar,
                          PluginClassLoader loader) {
        PluginEntry entry = new PluginEntry(info.id(), source, jar, plugin, info, loader);
        entry.status = PluginStatus.DISABLED;
        return entry;
    }

    /** Something that could not become a plugin instance at all (no service file, no loadable class). */
    static PluginEntry unusable(String id, String source, PluginJar jar, String reason) {
        PluginEntry entry = new PluginEntry(id, source, jar, null, null, null);
        entry.refuse(reason, false);
        return entry;
    }

    /** The plugin id; for a jar that holds no usable plugin, the jar's file name. */
    public String id() {
        return id;
    }

    /** {@link #CLASSPATH} or the jar's path. */
    public String source() {
        return source;
    }

    /** The jar it came from, or null for classpath plugins. */
    PluginJar jar() {
        return jar;
    }

    /** The instance, or null when none could be created. */
    public OperonPlugin plugin() {
        return plugin;
    }

    /** The info, or null when no instance could be created. */
    public PluginInfo info() {
        return info;
    }

    /** The jar's class loader, or null for classpath plugins. */
    public PluginClassLoader loader() {
        return loader;
    }

    public PluginStatus status() {
        return status;
    }

    /** Why it was refused, or null. */
    public String reason() {
        return reason;
    }

    /**
     * False for a refusal that only a new jar can lift (id taken, SDK range, missing service file, bad ids); true
     * for one that a change may fix (configuration, migrations, start), so enabling retries it.
     */
    boolean recoverable() {
        return recoverable;
    }

    PluginServices services() {
        return services;
    }

    void services(PluginServices value) {
        services = value;
    }

    /** The settings (state and configuration) this entry was last started or stopped with. */
    Object appliedSettings() {
        return appliedSettings;
    }

    void appliedSettings(Object value) {
        appliedSettings = value;
    }

    /**
     * Before a start: the instance to start. The first start uses the instance found; a later one (after a close or
     * a failed start) a new instance of the same class, so that each instance sees one start and at most one close,
     * as the SDK promises.
     */
    OperonPlugin instanceToStart() {
        if (used && renewable) {
            try {
                plugin = plugin.getClass().getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                // no public no-argument constructor: start the same one again
            }
        }
        used = true;
        return plugin;
    }

    /** For a plugin that is a CDI bean (the core plugin): never replaced by a new instance. */
    PluginEntry keepInstance() {
        renewable = false;
        return this;
    }

    void activate() {
        status = PluginStatus.ACTIVE;
        reason = null;
    }

    void disable() {
        status = PluginStatus.DISABLED;
    }

    void refuse(String why, boolean canRecover) {
        status = PluginStatus.REFUSED;
        reason = why;
        recoverable = canRecover;
    }

    /** The class loader that runs the plugin's code. */
    /** True when refused because another plugin already has its id: it is not what {@code id} names. */
    boolean duplicate() {
        return duplicate;
    }

    void refuseDuplicate(String why) {
        refuse(why, false);
        duplicate = true;
    }

    /** The class loader that runs the plugin's code (its jar's, or the platform's for classpath plugins). */
    public ClassLoader codeLoader() {
        return plugin == null ? PluginEntry.class.getClassLoader() : plugin.getClass().getClassLoader();
    }

    Path jarPath() {
        return jar == null ? null : jar.path();
    }
}

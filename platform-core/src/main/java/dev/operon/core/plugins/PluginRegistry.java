package dev.operon.core.plugins;

import dev.operon.core.ingest.PluginEventAccess;
import dev.operon.core.profiles.PluginProfileAccess;
import dev.operon.core.config.DataDir;
import dev.operon.core.tasks.JsonSchemas;
import dev.operon.core.tasks.TaskTypes;
import dev.operon.core.tasks.builtin.CorePlugin;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.task.TaskType;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The plugins this node knows and what became of each: the built-in core plugin, every {@link OperonPlugin} on the
 * classpath ({@code META-INF/services}) and every jar in the plugins folder, each jar in its own
 * {@link PluginClassLoader}.
 *
 * <p>A plugin is admitted in this order: its id must be free, its SDK range must include ours and its ids must be
 * well-formed ({@link PluginChecks}); then, unless an admin disabled it, its migrations run, its configuration is
 * validated and its {@code start} is called. Failing any step refuses it with a reason, logged once; the platform
 * goes on without it.
 *
 * <p>Changes (enable, disable, configuration, rescan) are made under one lock; readers see an immutable list.
 */
@ApplicationScoped
public class PluginRegistry {

    static final String SERVICE_FILE = "META-INF/services/" + OperonPlugin.class.getName();
    private static final Logger LOG = Logger.getLogger(PluginRegistry.class);

    @Inject
    CorePlugin core;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    @Inject
    PluginSettings settings;

    @Inject
    dev.operon.core.models.ModelRegistry models;

    @Inject
    PluginMigrations migrations;

    @Inject
    PluginEventAccess eventAccess;

    @Inject
    PluginProfileAccess profileAccess;

    @Inject
    TaskTypes taskTypes;

    @Inject
    Config config;

    @ConfigProperty(name = "operon.core.plugins.dir")
    Optional<String> folderSetting;

    private final Object lock = new Object();
    private volatile List<PluginEntry> entries;
    /** During the first load: the plugins admitted so far, for the channels that plugins starting now may look up. */
    private volatile List<PluginEntry> loading = List.of();

    /** What a rescan changed: ids of the plugins loaded and unloaded. */
    public record RescanResult(List<String> loaded, List<String> unloaded) {
    }

    // ---- reading ----

    /** Every plugin found, in the order found: core, classpath, jars by file name. */
    public List<PluginEntry> entries() {
        List<PluginEntry> current = entries;
        if (current == null) {
            synchronized (lock) {
                if (entries == null) {
                    loadAll();
                }
                current = entries;
            }
        }
        return current;
    }

    /**
     * The plugins as they stand, without loading them or waiting for the lock: during the first load, those admitted
     * so far. For lookups a plugin may make from its own {@code start} (its channels), which must neither start the
     * load again on the same thread nor wait for it.
     */
    List<PluginEntry> currentEntries() {
        List<PluginEntry> current = entries;
        return current != null ? current : loading;
    }

    /** The plugin with this id (not a refused duplicate of it), or, for an unusable jar, its file name. */
    public Optional<PluginEntry> find(String id) {
        return entries().stream().filter(e -> e.id().equals(id) && !e.duplicate()).findFirst();
    }

    /** The active plugins. */
    public List<OperonPlugin> plugins() {
        return entries().stream().filter(e -> e.status() == PluginStatus.ACTIVE).map(PluginEntry::plugin).toList();
    }

    /** The services of the plugin with {@code pluginId}, active or not. */
    public PluginServices services(String pluginId) {
        return find(pluginId).map(PluginEntry::services)
                .orElseThrow(() -> new IllegalArgumentException("no plugin " + pluginId));
    }

    /** The id of the plugin that offers task type {@code typeId} ({@code <plugin-id>.<name>}). */
    public static String pluginOf(String typeId) {
        int dot = typeId.indexOf('.');
        return dot < 0 ? typeId : typeId.substring(0, dot);
    }

    /** The task types of the active plugins. */
    public List<TaskType<?, ?>> taskTypes() {
        List<TaskType<?, ?>> types = new ArrayList<>();
        for (OperonPlugin plugin : plugins()) {
            types.addAll(plugin.tasks());
        }
        return types;
    }

    /** Why the plugin with {@code pluginId} cannot be used now, or empty when it is active or unknown. */
    public Optional<String> unavailable(String pluginId) {
        return find(pluginId).filter(e -> e.status() != PluginStatus.ACTIVE)
                .map(e -> e.status() == PluginStatus.DISABLED ? "plugin '" + pluginId + "' is disabled"
                        : "plugin '" + pluginId + "' was refused: " + e.reason());
    }

    /** The folder jars are loaded from: {@code operon.core.plugins.dir}, else {@code <data-dir>/plugins}. */
    public Path folder() {
        return folderSetting.filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath())
                .orElseGet(() -> DataDir.resolve().resolve("plugins"));
    }

    // ---- changing ----

    /** Loads every plugin unless already done (at start). */
    void load() {
        entries();
    }

    /**
     * Reads the settings again and applies them: plugins disabled since are closed, plugins enabled since are
     * started, refused ones whose settings changed are tried again; with {@code rescan} also the plugins folder.
     * {@code retry} names a plugin to start even if its settings did not change (an admin enabling it), or null.
     */
    public void refresh(boolean rescan, String retry) {
        entries();
        synchronized (lock) {
            PluginSettings.Snapshot snapshot = settings.reload();
            for (PluginEntry entry : entries) {
                apply(entry, snapshot, entry.id().equals(retry));
            }
            if (rescan) {
                rescanLocked(snapshot);
            }
            taskTypes.refresh();
        }
    }

    /** Refreshes when another node changed something (the version counter moved). */
    void syncIfChanged() {
        if (entries == null) {
            return;
        }
        if (settings.version() != settings.snapshot().version()) {
            LOG.debug("plugin settings changed on another node; applying");
            refresh(true, null);
        }
    }

    /** Loads new and changed jars of the plugins folder and unloads the jars that are gone. */
    public RescanResult rescan() {
        entries();
        synchronized (lock) {
            RescanResult result = rescanLocked(settings.reload());
            taskTypes.refresh();
            return result;
        }
    }

    /** Closes every active plugin and every jar's class loader (at shutdown). */
    void closeAll() {
        synchronized (lock) {
            if (entries == null) {
                return;
            }
            for (PluginEntry entry : entries) {
                unload(entry);
            }
        }
    }

    // ---- under the lock ----

    private void loadAll() {
        PluginSettings.Snapshot snapshot = settings.reload();
        List<PluginEntry> found = new ArrayList<>();
        for (PluginEntry candidate : classpath()) {
            admit(candidate, found, snapshot);
            loading = List.copyOf(found);
        }
        for (PluginJar jar : jars()) {
            admit(load(jar), found, snapshot);
            loading = List.copyOf(found);
        }
        entries = List.copyOf(found);
        loading = List.of();
        long active = found.stream().filter(e -> e.status() == PluginStatus.ACTIVE).count();
        LOG.infof("plugins: %d active of %d found (folder %s)", active, found.size(), folder());
        taskTypes.refresh();
    }

    private RescanResult rescanLocked(PluginSettings.Snapshot snapshot) {
        List<PluginJar> present = jars();
        boolean anyGone = entries.stream().anyMatch(e -> e.jar() != null && !present.contains(e.jar()));
        List<PluginEntry> kept = new ArrayList<>();
        List<String> unloaded = new ArrayList<>();
        for (PluginEntry entry : entries) {
            // when a jar goes, jars refused for a taken id are looked at again: the id may be free now
            boolean gone = entry.jar() != null && (!present.contains(entry.jar()) || (anyGone && entry.duplicate()));
            if (gone) {
                unload(entry);
                unloaded.add(entry.id());
            } else {
                kept.add(entry);
            }
        }
        Set<PluginJar> known = new HashSet<>();
        kept.forEach(e -> known.add(e.jar()));
        List<String> loaded = new ArrayList<>();
        for (PluginJar jar : present) {
            if (!known.contains(jar)) {
                PluginEntry entry = load(jar);
                admit(entry, kept, snapshot);
                loaded.add(entry.id());
            }
        }
        entries = List.copyOf(kept);
        if (!loaded.isEmpty() || !unloaded.isEmpty()) {
            LOG.infof("plugins folder rescanned: loaded %s, unloaded %s", loaded, unloaded);
        }
        return new RescanResult(List.copyOf(loaded), List.copyOf(unloaded));
    }

    private List<PluginJar> jars() {
        try {
            return PluginJar.in(folder());
        } catch (IOException e) {
            LOG.warnf("cannot list the plugins folder %s: %s", folder(), e.getMessage());
            return List.of();
        }
    }

    private List<PluginEntry> classpath() {
        List<PluginEntry> found = new ArrayList<>();
        found.add(instance(core, PluginEntry.CLASSPATH, null, null).keepInstance());
        Iterator<OperonPlugin> providers = ServiceLoader.load(OperonPlugin.class, PluginRegistry.class.getClassLoader())
                .iterator();
        for (int failures = 0; failures < 100; ) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                found.add(instance(providers.next(), PluginEntry.CLASSPATH, null, null));
            } catch (ServiceConfigurationError | LinkageError e) {
                failures++;
                found.add(PluginEntry.unusable("classpath-plugin-" + found.size(), PluginEntry.CLASSPATH, null,
                        "cannot create the plugin: " + oneLine(e)));
            }
        }
        return found;
    }

    /** A jar's plugin, or an unusable entry saying why there is none. */
    private PluginEntry load(PluginJar jar) {
        String name = jar.path().getFileName().toString();
        String source = jar.path().toString();
        PluginClassLoader loader = new PluginClassLoader(jar.path(), PluginRegistry.class.getClassLoader());
        if (loader.findResource(SERVICE_FILE) == null) {
            close(loader);
            return PluginEntry.unusable(name, source, jar, "the jar has no " + SERVICE_FILE);
        }
        List<OperonPlugin> found = new ArrayList<>();
        try {
            ContextLoader.run(loader, () -> ServiceLoader.load(OperonPlugin.class, loader).forEach(found::add));
        } catch (Exception | ServiceConfigurationError | LinkageError e) {
            close(loader);
            return PluginEntry.unusable(name, source, jar, SERVICE_FILE + " lists no loadable plugin class: "
                    + oneLine(e));
        }
        if (found.size() != 1) {
            close(loader);
            return PluginEntry.unusable(name, source, jar, found.isEmpty() ? SERVICE_FILE + " lists no plugin class"
                    : SERVICE_FILE + " lists " + found.size() + " plugin classes; a plugin jar holds exactly one");
        }
        PluginEntry entry = instance(found.get(0), source, jar, loader);
        if (entry.plugin() == null) {
            close(loader);
        }
        return entry;
    }

    private static PluginEntry instance(OperonPlugin plugin, String source, PluginJar jar, PluginClassLoader loader) {
        try {
            PluginInfo info = ContextLoader.call(plugin.getClass().getClassLoader(), plugin::info);
            if (info == null) {
                throw new IllegalStateException("info() returned null");
            }
            return PluginEntry.of(plugin, info, source, jar, loader);
        } catch (Exception | LinkageError e) {
            String id = jar != null ? jar.path().getFileName().toString() : plugin.getClass().getName();
            return PluginEntry.unusable(id, source, jar, "its info() failed: " + oneLine(e));
        }
    }

    /** Checks a candidate and, unless disabled, starts it; adds it to {@code list} whatever happens. */
    private void admit(PluginEntry candidate, List<PluginEntry> list, PluginSettings.Snapshot snapshot) {
        list.add(candidate);
        if (candidate.plugin() == null) {
            logRefusal(candidate);
            return;
        }
        String id = candidate.id();
        Optional<PluginEntry> holder = list.stream()
                .filter(e -> e != candidate && e.id().equals(id) && !e.duplicate()).findFirst();
        if (holder.isPresent()) {
            candidate.refuseDuplicate("its id '" + id + "' is taken by the plugin from " + holder.get().source());
            logRefusal(candidate);
            return;
        }
        Optional<String> problem;
        try {
            problem = ContextLoader.call(candidate.codeLoader(),
                    () -> PluginChecks.problem(candidate.plugin(), candidate.info()));
            if (problem.isEmpty()) {
                candidate.services(newServices(candidate));
            }
        } catch (Exception | LinkageError e) {
            problem = Optional.of("its declarations failed: " + oneLine(e));
        }
        if (problem.isPresent()) {
            candidate.refuse(problem.get(), false);
            logRefusal(candidate);
            return;
        }
        apply(candidate, snapshot, false);
    }

    private PluginServices newServices(PluginEntry entry) {
        String id = entry.id();
        return new PluginServices(id, new LayeredPluginConfig(id, entry.plugin().config(), settings, config),
                PluginDataSource.of(dataSource, id), models.forPlugin(id), new MicrometerPluginMetrics(meters, id),
                eventAccess.forPlugin(id), profileAccess.forPlugin(id),
                new ActiveChannels(this::currentEntries), new ActiveServices(this::currentEntries));
    }

    /** Brings one plugin in line with the settings. */
    private void apply(PluginEntry entry, PluginSettings.Snapshot snapshot, boolean retry) {
        if (entry.plugin() == null || entry.duplicate() || entry.services() == null
                || (entry.status() == PluginStatus.REFUSED && !entry.recoverable())) {
            return;
        }
        String id = entry.id();
        Object wanted = List.of(snapshot.enabled(id), snapshot.config(id));
        boolean changed = !wanted.equals(entry.appliedSettings());
        entry.appliedSettings(wanted);
        if (!snapshot.enabled(id)) {
            if (entry.status() == PluginStatus.ACTIVE) {
                stop(entry);
                LOG.infof("plugin %s disabled", id);
            }
            entry.disable();
        } else if (entry.status() == PluginStatus.DISABLED || (entry.status() == PluginStatus.REFUSED
                && (changed || retry))) {
            start(entry);
        }
    }

    private void start(PluginEntry entry) {
        String id = entry.id();
        OperonPlugin plugin;
        try {
            plugin = ContextLoader.call(entry.codeLoader(), entry::instanceToStart);
        } catch (Exception | LinkageError e) {
            refuse(entry, "it could not be created again: " + oneLine(e));
            return;
        }
        try {
            Optional<String> folder = ContextLoader.call(entry.codeLoader(), plugin::migrations);
            if (folder.isPresent()) {
                migrations.migrate(id, folder.get(), entry.codeLoader());
            }
        } catch (PluginMigrations.MigrationFailure e) {
            refuse(entry, "its migrations failed: " + e.getMessage());
            return;
        } catch (Exception | LinkageError e) {
            refuse(entry, "its migrations failed: " + oneLine(e));
            return;
        }
        List<String> problems = ((LayeredPluginConfig) entry.services().config()).problems();
        if (!problems.isEmpty()) {
            refuse(entry, "its configuration is invalid: " + String.join("; ", problems));
            return;
        }
        try {
            ContextLoader.run(entry.codeLoader(), () -> plugin.start(new StartContext(entry.info(),
                    entry.services())));
        } catch (Exception | LinkageError e) {
            refuse(entry, "its start failed: " + oneLine(e));
            return;
        }
        entry.activate();
        LOG.infof("plugin %s %s started (%s)", id, entry.info().version(), entry.source());
    }

    private static void refuse(PluginEntry entry, String reason) {
        entry.refuse(reason, true);
        logRefusal(entry);
    }

    private static void stop(PluginEntry entry) {
        try {
            ContextLoader.run(entry.codeLoader(), entry.plugin()::close);
        } catch (Exception | LinkageError e) {
            LOG.warnf("plugin %s: close() failed: %s", entry.id(), oneLine(e));
        }
    }

    private static void unload(PluginEntry entry) {
        if (entry.status() == PluginStatus.ACTIVE) {
            stop(entry);
            entry.disable();
        }
        if (entry.loader() != null) {
            JsonSchemas.forget(entry.loader());
            close(entry.loader());
        }
    }

    private static void close(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.debugf("closing %s: %s", loader, e.getMessage());
        }
    }

    private static void logRefusal(PluginEntry entry) {
        LOG.warnf("plugin %s (%s) refused: %s", entry.id(), entry.source(), entry.reason());
    }

    static String oneLine(Throwable e) {
        Throwable shown = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null
                ? e.getCause() : e;
        String message = shown.getMessage();
        String text = shown.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        text = String.join(" ", text.strip().split("\\s*\\R\\s*"));
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}

package dev.operon.sdk;

import dev.operon.sdk.task.TaskType;
import java.util.List;

/**
 * The entry point of a plugin: one implementation per plugin jar, registered in
 * {@code META-INF/services/dev.operon.sdk.OperonPlugin}.
 *
 * <p>Everything a plugin offers is declared as data that the platform can list, validate, schedule, secure and
 * audit. The platform creates one instance per node, calls {@link #start(PluginContext)} once after the plugin's
 * migrations ran, and {@link #close()} once at shutdown. Declarations ({@link #info()}, {@link #tasks()}) must be
 * cheap and return the same values on every call: they may be called from any thread.
 */
public interface OperonPlugin extends AutoCloseable {

    /** Identity and compatibility of this plugin. */
    PluginInfo info();

    /** The units of scheduled or background work this plugin offers. */
    List<TaskType<?, ?>> tasks();

    /**
     * Called once after the plugin's migrations ran and before any of its tasks runs. A plugin that throws here is
     * refused and the platform goes on without it.
     */
    default void start(PluginContext context) throws Exception {
    }

    /** Called once at shutdown; release threads, files and models here. */
    @Override
    default void close() {
    }
}

package dev.operon.core.plugins;

import dev.operon.core.scheduling.NodeIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the plugins when a server starts, then every {@code operon.core.plugins.sync-interval} (2 s) checks whether
 * another node changed plugin settings or rescanned, and applies the change here. Closes the plugins at shutdown. A
 * CLI call loads plugins on first use and does not watch.
 */
@ApplicationScoped
public class PluginWatcher {

    private static final Logger LOG = Logger.getLogger(PluginWatcher.class);

    @Inject
    PluginRegistry registry;

    @Inject
    NodeIdentity node;

    @ConfigProperty(name = "operon.core.plugins.sync-interval", defaultValue = "2s")
    Duration interval;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        if (node.cli()) {
            return;
        }
        registry.load();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "operon-plugin-sync");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sync, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sync() {
        try {
            registry.syncIfChanged();
        } catch (RuntimeException e) {
            LOG.warnf("plugin settings sync failed (will retry): %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        registry.closeAll();
    }
}

package dev.operon.core.cli;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * What the launcher needs to know of the application's life, from outside it.
 *
 * <ul>
 *   <li>Ready: the {@code ./operon} launcher keeps the class-data archive it records on a first start only when
 *       the server got as far as ready ({@code serve --help} or a failed start would leave an archive of a few
 *       classes that every later start would map); it names a marker file in {@code operon.ready-marker}.</li>
 *   <li>Stopped: the hook that stops the embedded PostgreSQL waits until the application has stopped, so that the
 *       schedulers' threads and the connection pool are closed before their database goes away (otherwise every
 *       stop logged Quartz errors about closed connections).</li>
 * </ul>
 */
@Singleton
class ServerLifecycle {

    private static final Logger LOG = Logger.getLogger(ServerLifecycle.class);

    private static volatile boolean started;

    void ready(@Observes StartupEvent event) {
        started = true;
        String marker = System.getProperty("operon.ready-marker");
        if (marker == null || marker.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(marker), "ready\n");
        } catch (IOException e) {
            LOG.debugf("ready marker %s not written: %s", marker, e.getMessage());
        }
    }

    /** Waits up to {@code max} for a started application to finish stopping; returns at once if it never started. */
    static void awaitStopped(Duration max) {
        Application application = Application.currentApplication();
        if (!started || application == null) {
            return;
        }
        Thread waiter = new Thread(application::awaitShutdown, "operon-await-stop");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

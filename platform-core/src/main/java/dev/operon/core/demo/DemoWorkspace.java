package dev.operon.core.demo;

import dev.operon.core.db.Jdbc;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this server runs a demo workspace ({@code ./operon serve --demo} sets {@code operon.core.demo.enabled}
 * and points the platform at its own data folder), whether it is seeded, and how far a seeding in progress got.
 */
@ApplicationScoped
public class DemoWorkspace {

    /** The audit action that marks a workspace as seeded (one record, written at the end of a seeding). */
    public static final String SEEDED_ACTION = "demo.seed";

    @ConfigProperty(name = "operon.core.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    Jdbc jdbc;

    private final AtomicReference<Progress> progress = new AtomicReference<>();

    /** A seeding's state for the banner: its phase and whether it ended (with an error, if it failed). */
    @TemplateData
    public record Progress(String phase, int percent, boolean done, String error) {
    }

    public boolean enabled() {
        return enabled;
    }

    /** True when a seeding finished in this database (never in a real workspace). */
    public boolean seeded() {
        return enabled && jdbc.count("select count(*) from audit_record where action = ? and outcome = 'success'",
                SEEDED_ACTION) > 0;
    }

    public Optional<Progress> progress() {
        return Optional.ofNullable(progress.get());
    }

    /** Claims the seeding for this caller; false when one is running or finished here. */
    boolean begin() {
        Progress current = progress.get();
        if (current != null && (!current.done() || current.error() == null)) {
            return false;
        }
        return progress.compareAndSet(current, new Progress("starting", 0, false, null));
    }

    void report(String phase, int percent) {
        progress.set(new Progress(phase, percent, false, null));
    }

    void finish(String error) {
        Progress last = progress.get();
        progress.set(new Progress(error == null ? "done" : last == null ? "failed" : last.phase(), 100, true, error));
    }
}

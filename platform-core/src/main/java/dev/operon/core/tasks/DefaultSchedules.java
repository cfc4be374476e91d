package dev.operon.core.tasks;

import dev.operon.core.api.ApiException;
import dev.operon.core.audit.Actor;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * At server start, creates each {@link DefaultSchedule}'s definition that does not exist yet, as the system actor
 * (audited like any creation). Skipped by the CLI. Two nodes starting together may both try: the second one's
 * conflict is expected and ignored.
 */
@ApplicationScoped
public class DefaultSchedules {

    private static final Logger LOG = Logger.getLogger(DefaultSchedules.class);

    @Inject
    Instance<DefaultSchedule> schedules;

    @Inject
    TaskService tasks;

    @ConfigProperty(name = "operon.core.node.cli", defaultValue = "false")
    boolean cli;

    void onStart(@Observes @Priority(3000) StartupEvent event) {
        if (cli) {
            return;
        }
        for (DefaultSchedule schedule : schedules) {
            ensure(schedule.definition());
        }
    }

    private boolean exists(String name) {
        try {
            tasks.get(name);
            return true;
        } catch (ApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Creates the definition unless one of that name exists; true when it was created. */
    public boolean ensure(TaskRequest definition) {
        if (exists(definition.name())) {
            return false;
        }
        try {
            tasks.create(definition, Actor.SYSTEM);
            LOG.infof("created the default task definition '%s' (%s)", definition.name(), definition.type());
            return true;
        } catch (RuntimeException e) {
            if (exists(definition.name())) {
                return false; // another node created it at the same time
            }
            LOG.errorf(e, "could not create the default task definition '%s'", definition.name());
            return false;
        }
    }
}

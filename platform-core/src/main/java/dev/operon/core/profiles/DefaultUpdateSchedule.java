package dev.operon.core.profiles;

import dev.operon.core.audit.Actor;
import dev.operon.core.db.Jdbc;
import dev.operon.core.tasks.ScheduleSpec;
import dev.operon.core.tasks.TaskRequest;
import dev.operon.core.tasks.TaskService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On the first server start, registers the task definition {@value #NAME} that runs {@code core.profiles-update}
 * on a schedule. Only once per database: an operator may change, disable or delete it afterwards and it stays so.
 */
@ApplicationScoped
public class DefaultUpdateSchedule {

    public static final String NAME = "profiles-update";
    private static final Logger LOG = Logger.getLogger(DefaultUpdateSchedule.class);

    @Inject
    ProfilesConfig config;

    @Inject
    TaskService tasks;

    @Inject
    Jdbc jdbc;

    @ConfigProperty(name = "operon.core.node.cli", defaultValue = "false")
    boolean cli;

    void onStart(@Observes StartupEvent event) {
        if (cli || !config.registerDefaultTask() || config.updateEverySeconds() <= 0) {
            return;
        }
        try {
            registerOnce();
        } catch (RuntimeException e) {
            LOG.warnf("could not register the scheduled profiles update: %s", e.getMessage());
        }
    }

    /** Registers the definition unless that was done before; returns whether it did now. */
    public boolean registerOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean done = jdbc.one("select default_task_registered from profile_update_state where id = 1 for update",
                    rs -> rs.getBoolean(1)).orElse(true);
            if (done) {
                return false;
            }
            boolean exists = !tasks.list(ProfilesUpdateTask.ID, null, 0, 1).isEmpty();
            if (!exists) {
                tasks.create(new TaskRequest(NAME, "Keeps profiles, identities and features up to date (registered "
                        + "on the first start; change or disable it freely).", ProfilesUpdateTask.ID,
                        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of("full", false)),
                        new ScheduleSpec("interval", null, null, config.updateEverySeconds(), null, "skip"),
                        true, null, null, null, null), Actor.SYSTEM);
            }
            jdbc.update("update profile_update_state set default_task_registered = true where id = 1");
            return !exists;
        });
    }
}

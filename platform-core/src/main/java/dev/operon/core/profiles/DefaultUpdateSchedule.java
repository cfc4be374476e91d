package dev.operon.core.profiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.tasks.DefaultSchedule;
import dev.operon.core.tasks.DefaultSchedules;
import dev.operon.core.tasks.ScheduleSpec;
import dev.operon.core.tasks.TaskRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The task definition {@value #NAME} that runs {@code core.profiles-update} every
 * {@code operon.core.profiles.update-every-seconds}, created once per database by {@link DefaultSchedules} unless
 * {@code operon.core.profiles.register-default-task} is false.
 */
@ApplicationScoped
public class DefaultUpdateSchedule implements DefaultSchedule {

    public static final String NAME = "profiles-update";

    @Inject
    ProfilesConfig config;

    @Inject
    DefaultSchedules schedules;

    @Override
    public boolean wanted() {
        return config.registerDefaultTask() && config.updateEverySeconds() > 0;
    }

    @Override
    public TaskRequest definition() {
        return new TaskRequest(NAME, "Keeps profiles, identities and features up to date (registered on the first "
                + "start; change or disable it freely).", ProfilesUpdateTask.ID,
                new ObjectMapper().valueToTree(Map.of("full", false)),
                new ScheduleSpec("interval", null, null, config.updateEverySeconds(), null, "skip"),
                true, null, null, null, null);
    }

    /** Creates the definition unless that was done before on this database; returns whether it did now. */
    public boolean registerOnce() {
        return schedules.ensure(definition());
    }
}

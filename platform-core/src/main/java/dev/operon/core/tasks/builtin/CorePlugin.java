package dev.operon.core.tasks.builtin;

import dev.operon.core.ingest.EventsMaintenanceTask;
import dev.operon.core.profiles.ProfilesUpdateTask;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.Sdk;
import dev.operon.sdk.task.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The platform's own task types, offered through the same SDK as every plugin. */
@ApplicationScoped
public class CorePlugin implements OperonPlugin {

    static final PluginInfo INFO = new PluginInfo("core", "Operon core", "0.1.0", "[" + Sdk.VERSION + ",2.0)",
            "Task types built into the platform: no-op, sleep, HTTP call, retention, events maintenance,"
                    + " profiles update.");

    @Inject
    RetentionTask retention;

    @Inject
    EventsMaintenanceTask eventsMaintenance;

    @Inject
    ProfilesUpdateTask profilesUpdate;

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of(new NoopTask(), new SleepTask(), new HttpCallTask(), retention, eventsMaintenance,
                profilesUpdate);
    }
}

package dev.operon.core.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.operon.core.tasks.DefaultSchedule;
import dev.operon.core.tasks.ScheduleSpec;
import dev.operon.core.tasks.TaskRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code core.events-maintenance} every day ({@code operon.core.ingest.maintenance-cron}, default 03:17 UTC). */
@ApplicationScoped
public class EventsMaintenanceSchedule implements DefaultSchedule {

    static final String NAME = "core.events-maintenance";

    @Inject
    IngestConfig config;

    @Override
    public TaskRequest definition() {
        return new TaskRequest(NAME, "Event partitions ahead, event retention, dedupe purge (created by the platform)",
                EventsMaintenanceTask.ID, JsonNodeFactory.instance.objectNode(),
                new ScheduleSpec("cron", config.maintenanceCron(), "UTC", null, null, "fire-once"), true, "skip", null, null, null);
    }
}

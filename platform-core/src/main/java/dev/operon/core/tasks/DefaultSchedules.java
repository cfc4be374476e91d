package dev.operon.core.tasks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.operon.core.audit.Actor;
import dev.operon.core.db.Jdbc;
import dev.operon.core.plugins.PluginEntry;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.core.plugins.PluginStatus;
import dev.operon.sdk.task.TaskType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * At server start, creates the task definitions the platform sets up by itself: each {@link DefaultSchedule} bean's
 * and one per task type of an active plugin that declares {@link TaskType#defaultCron()}. Each is created once per
 * database (recorded in {@code default_task}), as the system actor and audited like any creation, so an operator's
 * later change, disabling or deletion stands. Skipped by the CLI; plugins' schedules also
 * when {@code operon.core.tasks.plugin-default-schedules} is false (so in tests). Two nodes starting together serialise on the record's row.
 */
@ApplicationScoped
public class DefaultSchedules {

    private static final Logger LOG = Logger.getLogger(DefaultSchedules.class);

    @Inject
    Instance<DefaultSchedule> schedules;

    @Inject
    PluginRegistry plugins;

    @Inject
    TaskService tasks;

    @Inject
    Jdbc jdbc;

    @ConfigProperty(name = "operon.core.node.cli", defaultValue = "false")
    boolean cli;

    @ConfigProperty(name = "operon.core.tasks.plugin-default-schedules", defaultValue = "true")
    boolean pluginSchedules;

    void onStart(@Observes @Priority(3000) StartupEvent event) {
        if (cli) {
            return;
        }
        List<TaskRequest> wanted = new ArrayList<>();
        schedules.stream().filter(DefaultSchedule::wanted).forEach(s -> wanted.add(s.definition()));
        if (pluginSchedules) {
            wanted.addAll(pluginDefinitions());
        }
        ensureAll(wanted);
    }

    /** Creates each definition not created before; returns the names created now. */
    public List<String> ensureAll(List<TaskRequest> definitions) {
        List<String> created = new ArrayList<>();
        for (TaskRequest definition : definitions) {
            if (ensure(definition)) {
                created.add(definition.name());
            }
        }
        return created;
    }

    /** The definitions the active plugins ask for through {@link TaskType#defaultCron()}. */
    public List<TaskRequest> pluginDefinitions() {
        List<TaskRequest> all = new ArrayList<>();
        for (PluginEntry entry : plugins.entries()) {
            if (entry.status() != PluginStatus.ACTIVE || entry.plugin() == null) {
                continue;
            }
            for (TaskType<?, ?> type : entry.plugin().tasks()) {
                type.defaultCron().ifPresent(cron -> all.add(fromPlugin(type, cron)));
            }
        }
        return all;
    }

    /** Creates the definition unless it was created before (even if deleted since); true when it was created now. */
    public boolean ensure(TaskRequest definition) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                int fresh = jdbc.update("insert into default_task (name) values (?) on conflict do nothing",
                        definition.name());
                if (fresh == 0 || exists(definition.name())) {
                    return false;
                }
                tasks.create(definition, Actor.SYSTEM);
                LOG.infof("created the default task definition '%s' (%s)", definition.name(), definition.type());
                return true;
            });
        } catch (RuntimeException e) {
            LOG.errorf("could not create the default task definition '%s': %s", definition.name(), e.getMessage());
            return false;
        }
    }

    // a plain query: a lookup that throws (404) would mark the surrounding transaction rollback-only
    private boolean exists(String name) {
        return jdbc.one("select 1 from task where name = ?", rs -> true, name).isPresent();
    }

    private static TaskRequest fromPlugin(TaskType<?, ?> type, String cron) {
        return new TaskRequest(type.id(), type.title() + " (scheduled by the platform; change or disable it freely)",
                type.id(), JsonNodeFactory.instance.objectNode(),
                new ScheduleSpec("cron", cron, "UTC", null, null, "fire-once"), true, "skip", null, null, null);
    }
}

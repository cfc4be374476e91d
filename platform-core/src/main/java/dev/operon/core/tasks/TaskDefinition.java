package dev.operon.core.tasks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A saved task: a task type, its parameters, a schedule and the run policy. Table {@code task}. */
@Entity
@Table(name = "task")
public class TaskDefinition extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String description;
    public String type;
    /** JSON object text. */
    public String params;
    public String scheduleKind;
    public String cron;
    public String timeZone;
    public Long intervalSeconds;
    public Instant runAt;
    public String misfire;
    public boolean enabled;
    public String concurrency;
    public int maxRetries;
    public int retryBackoffSeconds;
    public long timeoutSeconds;
    public long skippedFires;
    public Instant lastSkippedAt;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;

    public ScheduleSpec schedule() {
        return new ScheduleSpec(scheduleKind, cron, timeZone, intervalSeconds, runAt, misfire);
    }

    public void schedule(ScheduleSpec schedule) {
        scheduleKind = schedule.kind();
        cron = schedule.cron();
        timeZone = schedule.timeZone();
        intervalSeconds = schedule.everySeconds();
        runAt = schedule.at();
        misfire = schedule.misfireOrDefault();
    }

    public static TaskDefinition findByName(String name) {
        return find("name", name).firstResult();
    }
}

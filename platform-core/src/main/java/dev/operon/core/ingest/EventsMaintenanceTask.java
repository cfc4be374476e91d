package dev.operon.core.ingest;

import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code core.events-maintenance}: creates the monthly event partitions ahead of time, applies the retention policy
 * ({@code operon.core.ingest.retention}: drops whole partitions past it, deletes the older rows of the partition it
 * falls in) and purges dedupe entries past the dedupe window. Scheduled daily by default ({@link DefaultSchedules}).
 */
@ApplicationScoped
public class EventsMaintenanceTask implements TaskType<EventsMaintenanceTask.Input, EventsMaintenanceTask.Output> {

    public static final String ID = "core.events-maintenance";

    @Inject
    EventMaintenance maintenance;

    @Inject
    IngestConfig config;

    /**
     * @param monthsAhead partitions kept ready after the current month (0: {@code operon.core.ingest.partitions-ahead})
     * @param batchSize   rows deleted per statement (0: 10,000)
     */
    public record Input(@Min(0) @Max(120) int monthsAhead, @Min(0) @Max(1_000_000) int batchSize) {
    }

    /** What was done. */
    public record Output(int partitionsCreated, int partitionsDropped, long eventsDeleted, long dedupeEntriesPurged,
                         String retentionCutoff) {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Events maintenance";
    }

    @Override
    public String description() {
        return "Creates event partitions ahead, applies the event retention policy, purges expired dedupe entries.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withConcurrency(Concurrency.SKIP).withTimeout(Duration.ofHours(2));
    }

    @Override
    public Output run(TaskContext context, Input input) {
        int ahead = input.monthsAhead() == 0 ? config.partitionsAhead() : input.monthsAhead();
        int batch = input.batchSize() == 0 ? 10_000 : input.batchSize();
        Instant now = Instant.now();
        int created;
        try {
            created = maintenance.ensureAhead(ahead, now);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create event partitions: " + e.getMessage(), e);
        }
        context.log().info("partitions: " + created + " created (up to " + ahead + " months ahead)");
        context.progress(20, created + " partitions created");
        Optional<Instant> cutoff = maintenance.cutoff(now);
        int dropped = 0;
        long deleted = 0;
        if (cutoff.isPresent()) {
            dropped = maintenance.dropPartitionsBefore(cutoff.get());
            context.log().info("retention: events before " + cutoff.get() + " go; " + dropped
                    + " whole partitions dropped");
            for (int n; (n = maintenance.deleteBefore(cutoff.get(), batch)) > 0; ) {
                deleted += n;
                context.progress(50, deleted + " old events deleted");
                context.checkCancelled();
            }
            context.log().info("retention: " + deleted + " events deleted from the partition of the cutoff");
        } else {
            context.log().info("retention: none configured (operon.core.ingest.retention); events are kept");
        }
        long purged = 0;
        for (int n; (n = maintenance.purgeDedupe(now, batch)) > 0; ) {
            purged += n;
            context.progress(80, purged + " dedupe entries purged");
            context.checkCancelled();
        }
        context.log().info("dedupe: " + purged + " entries older than " + config.dedupeWindow() + " purged");
        return new Output(created, dropped, deleted, purged, cutoff.map(Instant::toString).orElse(null));
    }
}

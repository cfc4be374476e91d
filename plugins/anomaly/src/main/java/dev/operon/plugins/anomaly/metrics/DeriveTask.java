package dev.operon.plugins.anomaly.metrics;

import dev.operon.plugins.anomaly.AnomalyConfig;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code anomaly.derive}, every minute: appends the buckets of every event-derived series that have closed (ended at
 * least {@code derive-lag} ago) since the last run, reading events through the SDK. A bucket is written once; events
 * arriving later than the lag are not counted.
 */
public final class DeriveTask implements TaskType<DeriveTask.Input, DeriveTask.Output> {

    /** At most this many buckets per series per transaction, so a long backfill commits as it goes. */
    static final int MAX_BUCKETS = 1440;

    /** No parameters. */
    public record Input() {
    }

    /**
     * @param series series that got new points
     * @param points points written
     */
    public record Output(int series, int points) {
    }

    private final Clock clock;

    public DeriveTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return "anomaly.derive";
    }

    @Override
    public String title() {
        return "Derive metric series from events";
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
        return TaskDefaults.STANDARD.withTimeout(Duration.ofMinutes(10)).withConcurrency(Concurrency.SKIP);
    }

    @Override
    public Optional<String> defaultCron() {
        return Optional.of("30 * * * * ?");
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        Duration lag = context.config().getDuration(AnomalyConfig.DERIVE_LAG);
        List<Long> ids = context.data().inTransaction(DerivationStore::ids);
        int series = 0;
        int points = 0;
        for (long id : ids) {
            int written;
            boolean touched = false;
            do {
                context.checkCancelled();
                written = context.data().inTransaction(c -> {
                    Optional<Derivation> locked = DerivationStore.lockIfFree(c, id);
                    if (locked.isEmpty()) {
                        return 0;
                    }
                    Derivation d = locked.get();
                    Instant closed = d.floor(clock.instant().minus(lag));
                    Instant from = d.computedUntil();
                    Instant to = from.plus(d.bucketLength().multipliedBy(MAX_BUCKETS));
                    if (to.isAfter(closed)) {
                        to = closed;
                    }
                    if (!from.isBefore(to)) {
                        return 0;
                    }
                    BucketAggregate aggregate = new BucketAggregate(d);
                    context.events().forEach(EventQuery.all().between(from, to).named(d.eventName()), aggregate::add);
                    List<Point> bucketPoints = aggregate.points(from, to);
                    Partitions.ensure(c, bucketPoints.stream().map(Point::ts).toList());
                    PointStore.insert(c, id, bucketPoints);
                    DerivationStore.setComputedUntil(c, id, to);
                    return bucketPoints.size();
                });
                points += written;
                touched |= written > 0;
            } while (written == MAX_BUCKETS);
            if (touched) {
                series++;
            }
        }
        context.log().info("derived " + points + " points for " + series + " series");
        return new Output(series, points);
    }
}

package dev.operon.plugins.behaviour.segments;

import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskCancelledException;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.Optional;

/**
 * {@code behaviour.segments-refresh}: recomputes segment memberships (incremental unless a full pass is due or
 * asked for), records entered/exited changes, appends {@code Segment Entered} / {@code Segment Exited} events and a
 * size point per segment. Meant to run every few minutes (README: a cron definition {@code 0 0/5 * * * ?}).
 */
public final class SegmentsRefreshTask implements TaskType<SegmentsRefreshTask.Input, RefreshResult> {

    /** @param full evaluate every profile, whatever changed */
    public record Input(boolean full) {
    }

    public static final String ID = "behaviour.segments-refresh";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Refresh segments";
    }

    @Override
    public String description() {
        return "Recomputes segment memberships from changed profiles, new events and expiring time windows; records"
                + " and emits Segment Entered / Segment Exited; one size point per segment.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<RefreshResult> outputType() {
        return RefreshResult.class;
    }

    /** Every five minutes. */
    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 0/5 * * * ?");
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofMinutes(30)).withMaxRetries(1)
                .withConcurrency(Concurrency.SKIP);
    }

    @Override
    public RefreshResult run(TaskContext context, Input input) throws Exception {
        SegmentRefresher refresher = new SegmentRefresher(context.data(), context.events(), context.profiles(),
                RefreshSettings.from(context.config()));
        try {
            RefreshResult result = refresher.refresh(Instant.now(), input.full(), context::progress,
                    context::isCancelled);
            context.log().info(String.format(java.util.Locale.ROOT,
                    "%s refresh (%s): %d profiles, %d events read, %d entered, %d exited, %d events emitted, %.2f s",
                    result.mode(), result.why(), result.profilesEvaluated(), result.eventsRead(), result.entered(),
                    result.exited(), result.eventsEmitted(), result.seconds()));
            context.metrics().increment("segments.entered", result.entered());
            context.metrics().increment("segments.exited", result.exited());
            context.metrics().record("segments.refresh.seconds", result.seconds(), "mode", result.mode());
            for (RefreshResult.SegmentSize s : result.segments()) {
                context.metric("size:" + s.name(), 0, s.size());
            }
            return result;
        } catch (CancellationException e) {
            throw new TaskCancelledException();
        }
    }
}

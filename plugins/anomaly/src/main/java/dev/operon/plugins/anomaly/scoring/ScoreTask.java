package dev.operon.plugins.anomaly.scoring;

import dev.operon.plugins.anomaly.AnomalyConfig;
import dev.operon.plugins.anomaly.alerts.Backoff;
import dev.operon.plugins.anomaly.alerts.Deliverer;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code anomaly.score}, every minute: scores the new points of every series, opens and resolves incidents, then
 * delivers the notifications that are due (new ones and retries).
 */
public final class ScoreTask implements TaskType<ScoreTask.Input, ScoreTask.Output> {

    /**
     * @param skipDelivery only score and evaluate rules; leave notifications queued
     */
    public record Input(boolean skipDelivery) {
    }

    /** What the run did. */
    public record Output(int series, long points, int incidentsOpened, int incidentsResolved,
                         int notificationsQueued, int delivered, int retrying, int rejected, int failed) {
    }

    private final SeriesScorer scorer;
    private final Clock clock;

    public ScoreTask(SeriesScorer scorer, Clock clock) {
        this.scorer = scorer;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "anomaly.score";
    }

    @Override
    public String title() {
        return "Score metric series and raise alerts";
    }

    @Override
    public String description() {
        return "Scores new points of every series with its detector, opens and resolves incidents by the alert"
                + " rules, and delivers due notifications with retries.";
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
        return Optional.of("0 * * * * ?");
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        SeriesScorer.Result scored = scorer.scoreAll(context.data(), clock,
                context.config().require(AnomalyConfig.DEFAULT_DETECTOR),
                context.config().getInt(AnomalyConfig.REPLAY_POINTS), context.config().getInt(AnomalyConfig.SCORE_BATCH),
                context::isCancelled);
        scored.warnings().forEach(w -> context.log().warn(w));
        context.log().info("scored " + scored.points() + " points of " + scored.series() + " series; incidents opened "
                + scored.opened() + ", resolved " + scored.resolved());
        context.metrics().increment("points_scored", scored.points());
        Deliverer.Outcome delivery = new Deliverer.Outcome(0, 0, 0, 0);
        if (!input.skipDelivery()) {
            delivery = deliverer(context).deliverDue(1000);
            if (delivery.retrying() + delivery.failed() + delivery.rejected() > 0) {
                context.log().warn("notifications: " + delivery.retrying() + " to retry, " + delivery.rejected()
                        + " rejected, " + delivery.failed() + " failed for good");
            }
        }
        context.checkCancelled();
        return new Output(scored.series(), scored.points(), scored.opened(), scored.resolved(), scored.notifications(),
                delivery.delivered(), delivery.retrying(), delivery.rejected(), delivery.failed());
    }

    private Deliverer deliverer(TaskContext context) {
        return new Deliverer(context.data(), context.channels(), clock,
                new Backoff(context.config().getDuration(AnomalyConfig.DELIVERY_BACKOFF),
                        context.config().getInt(AnomalyConfig.DELIVERY_MAX_ATTEMPTS)));
    }
}

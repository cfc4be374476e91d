package dev.operon.plugins.marketing.journeys;

import dev.operon.sdk.PluginScope;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The journey clock, run every minute: lets users in on the entry event and moves every user whose step is due.
 * Messages it plans are delivered by {@code marketing.dispatch} (their campaigns are scheduled).
 */
public final class JourneyTask implements TaskType<JourneyTask.Input, JourneyTask.Output> {

    /** No parameters. */
    public record Input() {
    }

    /** What one pass did over every active journey. */
    public record Output(int journeys, long entered, long moved, long messages) {
    }

    @Override
    public String id() {
        return "marketing.journeys";
    }

    @Override
    public String title() {
        return "Move users through journeys";
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
        return TaskDefaults.STANDARD.withTimeout(Duration.ofMinutes(55)).withConcurrency(Concurrency.SKIP);
    }

    @Override
    public Optional<String> defaultCron() {
        return Optional.of("30 * * * * ?");
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        PluginScope s = context;
        List<Journey> journeys;
        try (Connection c = s.data().dataSource().getConnection()) {
            journeys = JourneyStore.active(c);
        }
        JourneyEngine.Pass total = new JourneyEngine.Pass(0, 0, 0);
        for (Journey j : journeys) {
            context.checkCancelled();
            try {
                total = total.plus(JourneyEngine.run(s, j, Instant.now()));
            } catch (RuntimeException e) {
                if (e instanceof dev.operon.sdk.task.TaskCancelledException) {
                    throw e;
                }
                context.log().error("journey " + j.id() + ": " + e.getMessage());
            }
        }
        return new Output(journeys.size(), total.entered(), total.moved(), total.messages());
    }
}

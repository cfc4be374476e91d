package dev.operon.plugins.marketing.sending;

import dev.operon.plugins.marketing.audience.PendingSegments;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.plugins.marketing.experiments.Experiments;
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
 * The campaign clock, run by the platform every minute: plans what is due for every scheduled campaign (one-off
 * times, cron occurrences, trigger events after their delay), delivers due messages (retries and quiet-hour
 * deferrals included), picks automatic winners and completes finished one-off campaigns.
 */
public final class DispatchTask implements TaskType<DispatchTask.Input, DispatchTask.Output> {

    /** No parameters. */
    public record Input() {
    }

    /** What one pass did over every scheduled campaign. */
    public record Output(int campaigns, long planned, SendReport report, List<String> winners, int completed) {
    }

    private final Sender sender;

    public DispatchTask(Sender sender) {
        this.sender = sender;
    }

    @Override
    public String id() {
        return "marketing.dispatch";
    }

    @Override
    public String title() {
        return "Dispatch due campaign messages";
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
        return Optional.of("0 * * * * ?");
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        PluginScope s = context;
        for (String resolved : PendingSegments.resolve(s)) {
            context.log().info(resolved);
        }
        List<Campaign> campaigns;
        try (Connection c = s.data().dataSource().getConnection()) {
            campaigns = CampaignStore.scheduled(c);
        }
        long planned = 0;
        SendReport report = SendReport.NONE;
        List<String> winners = new java.util.ArrayList<>();
        int completed = 0;
        int i = 0;
        for (Campaign k : campaigns) {
            context.checkCancelled();
            try {
                planned += Dispatcher.planDue(s, k, Instant.now(), false);
                report = report.plus(sender.deliver(s, k.id(), context::isCancelled, n -> { }));
                String winner = Experiments.pickWinner(s, k);
                if (winner != null) {
                    winners.add(k.name() + ": " + winner);
                    context.log().info("campaign " + k.id() + ": variant " + winner + " wins");
                }
                if (Dispatcher.completeIfDone(s, k)) {
                    completed++;
                }
            } catch (RuntimeException e) {
                if (e instanceof dev.operon.sdk.task.TaskCancelledException) {
                    throw e;
                }
                // one broken campaign must not stop the others
                context.log().error("campaign " + k.id() + ": " + e.getMessage());
            }
            context.progress(++i * 100 / Math.max(1, campaigns.size()), k.name());
        }
        return new Output(campaigns.size(), planned, report, winners, completed);
    }
}

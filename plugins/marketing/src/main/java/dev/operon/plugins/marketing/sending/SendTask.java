package dev.operon.plugins.marketing.sending;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.PermanentTaskFailure;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.Positive;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends one scheduled campaign now: plans its one-off run if it has not been (whatever its send time), reads its
 * trigger events, and delivers every due message. Running it again after a crash or a cancellation continues where
 * the last run stopped: nobody is planned twice and nobody planned is left out.
 */
public final class SendTask implements TaskType<SendTask.Input, SendTask.Output> {

    /** @param campaignId the campaign, which must be scheduled */
    public record Input(@Positive long campaignId) {
    }

    /**
     * @param planned messages (and holdout assignments) planned by this run
     * @param pending messages still waiting (deferred, retrying) when it ended
     */
    public record Output(long campaignId, long planned, SendReport report, long pending, boolean completed) {
    }

    private final Sender sender;

    public SendTask(Sender sender) {
        this.sender = sender;
    }

    @Override
    public String id() {
        return "marketing.send";
    }

    @Override
    public String title() {
        return "Send a campaign now";
    }

    @Override
    public String description() {
        return "Plans a scheduled campaign's one-off run (if not yet planned) and delivers every due message, "
                + "honouring budgets, quiet hours, consent and the kill switch.";
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
        return TaskDefaults.STANDARD.withTimeout(Duration.ofHours(6)).withMaxRetries(3)
                .withConcurrency(Concurrency.SKIP);
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        PluginScope s = context;
        Campaign k;
        try (Connection c = s.data().dataSource().getConnection()) {
            k = CampaignStore.get(c, input.campaignId(), false).orElseThrow(
                    () -> new PermanentTaskFailure("no campaign " + input.campaignId()));
        }
        if (!k.active()) {
            throw new PermanentTaskFailure("campaign " + k.id() + " is " + k.status() + ", not scheduled");
        }
        long planned = Dispatcher.planDue(s, k, Instant.now(), true);
        context.log().info("planned " + planned + " messages of campaign " + k.id() + " (" + k.name() + ")");
        long total;
        try (Connection c = s.data().dataSource().getConnection()) {
            total = Math.max(1, Dispatcher.pending(c, k.id()));
        }
        SendReport report = sender.deliver(s, k.id(), context::isCancelled,
                done -> context.progress((int) Math.min(99, done * 100 / total), done + " of " + total + " handled"));
        context.log().info("delivery: " + report);
        long pending;
        try (Connection c = s.data().dataSource().getConnection()) {
            pending = Dispatcher.pending(c, k.id());
        }
        boolean completed = Dispatcher.completeIfDone(s, k);
        context.progress(100, report.stopped() == null ? "done" : "stopped: " + report.stopped());
        return new Output(k.id(), planned, report, pending, completed);
    }
}

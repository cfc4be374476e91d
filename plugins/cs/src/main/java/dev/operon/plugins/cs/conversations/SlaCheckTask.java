package dev.operon.plugins.cs.conversations;

import dev.operon.plugins.cs.CsConfig;
import dev.operon.plugins.cs.support.Sql;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cs.sla-check}, every minute by default: marks each open conversation whose first answer or resolution is
 * overdue as breached (once per kind), counts it, and alerts through the configured delivery channel (retried a few
 * times; a failed alert is logged, the breach stays recorded). Also assigns waiting conversations to operators that
 * have room again.
 */
public final class SlaCheckTask implements TaskType<SlaCheckTask.Input, SlaCheckTask.Output> {

    /** No parameters. */
    public record Input() {
    }

    /** What one check found. */
    public record Output(int firstResponseBreaches, int resolutionBreaches, int alertsSent, int alertsFailed,
                         int assigned) {
    }

    private static final int ALERT_ATTEMPTS = 3;

    @Override
    public String id() {
        return "cs.sla-check";
    }

    @Override
    public String title() {
        return "Customer service: SLA breach check";
    }

    @Override
    public String description() {
        return "Marks conversations whose first response or resolution is overdue, alerts through the configured"
                + " channel, and assigns waiting conversations to operators with room.";
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
    public Optional<String> defaultCron() {
        return Optional.of("0 * * * * ?");
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        List<Map<String, Object>> breaches = context.data().inTransaction(c -> {
            List<Map<String, Object>> first = Sql.rows(c, "UPDATE cs_conversation SET first_response_breach = now()"
                    + " WHERE state <> 'resolved' AND first_response_at IS NULL AND first_response_breach IS NULL"
                    + " AND first_response_due < now() RETURNING id, 'first response' AS kind, first_response_due AS due,"
                    + " operator, intent, urgent");
            List<Map<String, Object>> resolution = Sql.rows(c, "UPDATE cs_conversation SET resolution_breach = now()"
                    + " WHERE state <> 'resolved' AND resolution_breach IS NULL AND resolution_due < now()"
                    + " RETURNING id, 'resolution' AS kind, resolution_due AS due, operator, intent, urgent");
            List<Map<String, Object>> all = new java.util.ArrayList<>(first);
            all.addAll(resolution);
            return all;
        });
        int assigned = context.data().inTransaction(Assignment::assignWaiting);
        int first = (int) breaches.stream().filter(b -> b.get("kind").equals("first response")).count();
        int sent = 0;
        int failed = 0;
        Optional<String> recipient = context.config().get(CsConfig.ALERT_RECIPIENT).filter(r -> !r.isBlank());
        String channelId = context.config().require(CsConfig.ALERT_CHANNEL);
        Optional<Channel> channel = context.channels().find(channelId);
        for (Map<String, Object> breach : breaches) {
            context.metrics().increment("sla.breaches", 1, "kind", (String) breach.get("kind"));
            String text = "Conversation " + breach.get("id") + " breached its " + breach.get("kind") + " SLA (due "
                    + breach.get("due") + "; operator " + (breach.get("operator") == null ? "none"
                    : breach.get("operator")) + ", intent " + breach.get("intent")
                    + (Boolean.TRUE.equals(breach.get("urgent")) ? ", urgent" : "") + ").";
            context.log().warn(text);
            if (recipient.isEmpty() || channel.isEmpty()) {
                continue;
            }
            if (alert(context, channel.get(), new Message(recipient.get(), "SLA breach: conversation "
                    + breach.get("id"), text, null, Map.of(), "cs-sla-" + breach.get("id") + "-" + breach.get("kind")))) {
                sent++;
            } else {
                failed++;
            }
        }
        if (!breaches.isEmpty() && recipient.isPresent() && channel.isEmpty()) {
            context.log().warn("no active channel '" + channelId + "': SLA alerts were only logged");
        }
        return new Output(first, breaches.size() - first, sent, failed, assigned);
    }

    private static boolean alert(TaskContext context, Channel channel, Message message) throws InterruptedException {
        for (int attempt = 1; attempt <= ALERT_ATTEMPTS; attempt++) {
            try {
                Delivery delivery = channel.send(message);
                if (delivery.delivered()) {
                    return true;
                }
                if (delivery.permanent()) {
                    context.log().warn("SLA alert refused by " + channel.id() + ": " + delivery.detail());
                    context.metrics().increment("sla.alerts.failed", 1);
                    return false;
                }
                context.log().warn("SLA alert attempt " + attempt + " not delivered by " + channel.id() + ": "
                        + delivery.detail());
            } catch (Exception e) {
                context.log().warn("SLA alert attempt " + attempt + " through " + channel.id() + " failed: "
                        + e.getMessage());
            }
            if (attempt < ALERT_ATTEMPTS) {
                Thread.sleep(200L * attempt);
            }
        }
        context.metrics().increment("sla.alerts.failed", 1);
        return false;
    }
}

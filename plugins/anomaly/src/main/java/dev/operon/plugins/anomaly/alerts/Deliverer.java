package dev.operon.plugins.anomaly.alerts;

import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Channels;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.data.PluginData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers due notifications of the outbox through the SDK's channels, one small batch per transaction with the rows
 * locked (another node skips them). A failure that may pass (an exception, a channel that is not active, a
 * non-permanent refusal) is retried with {@link Backoff}; a permanent refusal ends as {@code rejected}; attempts
 * exhausted end as {@code failed}. The outcome is committed with the attempt count, so a restart neither loses a
 * notification nor sends it again, except when the node dies between a send and its commit: then it is sent once
 * more with the same idempotency key.
 */
public final class Deliverer {

    /** The header through which a webhook channel learns the payload format. */
    public static final String FORMAT_HEADER = "X-Operon-Format";
    /** The incident id, for channels other than e-mail and webhooks. */
    public static final String INCIDENT_HEADER = "X-Operon-Incident";
    /** The transition ({@code open}, {@code acknowledged}, {@code resolved}), for the same channels. */
    public static final String TRANSITION_HEADER = "X-Operon-Incident-Transition";
    private static final int BATCH = 20;

    private final PluginData data;
    private final Channels channels;
    private final Clock clock;
    private final Backoff backoff;

    public Deliverer(PluginData data, Channels channels, Clock clock, Backoff backoff) {
        this.data = data;
        this.channels = channels;
        this.clock = clock;
        this.backoff = backoff;
    }

    /** What one pass delivered. */
    public record Outcome(int delivered, int retrying, int rejected, int failed) {
        Outcome plus(Outcome o) {
            return new Outcome(delivered + o.delivered, retrying + o.retrying, rejected + o.rejected,
                    failed + o.failed);
        }
    }

    /** Delivers everything due now, in batches, until nothing is due or {@code max} were attempted. */
    public Outcome deliverDue(int max) throws SQLException {
        Outcome total = new Outcome(0, 0, 0, 0);
        int attempted = 0;
        while (attempted < max) {
            Outcome batch = data.inTransaction(c -> {
                Instant now = clock.instant();
                List<Notification> due = Outbox.lockDue(c, now, BATCH);
                int delivered = 0;
                int retrying = 0;
                int rejected = 0;
                int failed = 0;
                for (Notification n : due) {
                    int attempts = n.attempts() + 1;
                    String error;
                    try {
                        Optional<Channel> channel = channels.find(n.channel());
                        if (channel.isEmpty()) {
                            error = "channel " + n.channel() + " is not available (is its plugin active?)";
                        } else {
                            Delivery d = channel.get().send(message(n));
                            if (d.delivered()) {
                                Outbox.update(c, n.id(), "delivered", attempts, now, null, now);
                                delivered++;
                                continue;
                            }
                            if (d.permanent()) {
                                Outbox.update(c, n.id(), "rejected", attempts, now, d.detail(), null);
                                rejected++;
                                continue;
                            }
                            error = d.detail();
                        }
                    } catch (Exception e) {
                        error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                    if (attempts >= backoff.maxAttempts()) {
                        Outbox.update(c, n.id(), "failed", attempts, now, error, null);
                        failed++;
                    } else {
                        Outbox.update(c, n.id(), "pending", attempts, now.plus(backoff.after(attempts)), error, null);
                        retrying++;
                    }
                }
                return new Outcome(delivered, retrying, rejected, failed);
            });
            int count = batch.delivered + batch.retrying + batch.rejected + batch.failed;
            total = total.plus(batch);
            attempted += count;
            if (count < BATCH) {
                break;
            }
        }
        return total;
    }

    private static Message message(Notification n) {
        Map<String, String> headers = n.channel().endsWith(".webhook") ? Map.of(FORMAT_HEADER, n.format())
                : n.channel().endsWith(".email") ? Map.of()
                // other plugins' channels act on incidents (the marketing plugin's incident trigger): tell them which
                : Map.of(INCIDENT_HEADER, Long.toString(n.incidentId()), TRANSITION_HEADER, n.transition());
        return new Message(n.recipient(), n.subject(), n.body(), null, headers, n.idempotencyKey());
    }
}

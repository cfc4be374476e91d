package dev.operon.plugins.cs.conversations;

import dev.operon.plugins.cs.CsConfig;
import dev.operon.plugins.cs.support.Sql;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.channel.Channel;
import dev.operon.sdk.channel.Delivery;
import dev.operon.sdk.channel.Message;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends replies to customers, the bot's and the operators', through the configured delivery channel, as a
 * transactional outbox: a reply is stored as {@code pending} in the transaction that records it; one attempt follows
 * right after the commit, and {@code cs.reply-delivery} retries what is still pending until it is delivered, refused
 * for good, or has failed {@value #MAX_ATTEMPTS} times. Each attempt holds its message row's lock (SKIP LOCKED), so
 * the attempt after a commit and the task never send one reply at the same time; the idempotency key
 * {@code cs-reply-<message id>} lets a receiver drop the copy of a reply sent again after a crash between the send
 * and the commit of its outcome.
 */
public final class ReplyDelivery {

    /** Attempts before a reply that keeps failing is marked failed. */
    public static final int MAX_ATTEMPTS = 10;

    private ReplyDelivery() {
    }

    /** The delivery state a new reply is stored with: pending while a reply channel is configured, else none. */
    static String initialState(PluginScope scope) {
        return replyChannel(scope).isPresent() ? "pending" : null;
    }

    /**
     * One attempt to deliver the reply {@code messageId}, if it is still pending and no other attempt holds it; its
     * outcome is stored with the message. Never throws for a failed send: the reply stays pending (or is marked failed).
     *
     * @return the message's delivery state afterwards, or null when it was not pending or another attempt held it
     */
    public static String attempt(PluginScope scope, long messageId) throws Exception {
        return scope.data().inTransaction(c -> {
            Map<String, Object> reply = Sql.row(c, PENDING + " AND m.id = ? FOR UPDATE OF m SKIP LOCKED", messageId);
            return reply == null ? null : send(scope, c, reply);
        });
    }

    /** What one pass over the pending replies did. */
    public record Pass(int delivered, int stillPending, int failed) {
    }

    /** Attempts up to {@code limit} pending replies, oldest first, each in its own transaction. */
    public static Pass retryPending(PluginScope scope, int limit) throws Exception {
        List<Map<String, Object>> pending = scope.data().inTransaction(c -> Sql.rows(c,
                "SELECT id FROM cs_message WHERE delivery = 'pending' ORDER BY id LIMIT ?", limit));
        int delivered = 0;
        int stillPending = 0;
        int failed = 0;
        for (Map<String, Object> row : pending) {
            String state = attempt(scope, ((Number) row.get("id")).longValue());
            if ("delivered".equals(state)) {
                delivered++;
            } else if ("failed".equals(state)) {
                failed++;
            } else if ("pending".equals(state)) {
                stillPending++;
            }
        }
        return new Pass(delivered, stillPending, failed);
    }

    private static final String PENDING = "SELECT m.id, m.text, m.author, m.delivery_attempts, c.id AS conversation_id,"
            + " c.channel, c.customer_id FROM cs_message m JOIN cs_conversation c ON c.id = m.conversation_id"
            + " WHERE m.delivery = 'pending'";

    private static String send(PluginScope scope, Connection c, Map<String, Object> reply) throws SQLException {
        long id = ((Number) reply.get("id")).longValue();
        int attempts = ((Number) reply.get("deliveryAttempts")).intValue() + 1;
        Delivery outcome;
        Optional<String> channelId = replyChannel(scope);
        Optional<String> recipient = scope.config().get(CsConfig.REPLY_RECIPIENT).filter(r -> !r.isBlank());
        Optional<Channel> channel = channelId.flatMap(scope.channels()::find);
        if (channelId.isEmpty() || recipient.isEmpty()) {
            outcome = new Delivery(false, false, "no reply channel and recipient configured ("
                    + CsConfig.REPLY_CHANNEL + ", " + CsConfig.REPLY_RECIPIENT + ")");
        } else if (channel.isEmpty()) {
            outcome = new Delivery(false, false, "no active channel '" + channelId.get() + "'");
        } else {
            outcome = sendQuietly(channel.get(), message(reply, recipient.get(), id));
        }
        String state = outcome.delivered() ? "delivered"
                : outcome.permanent() || attempts >= MAX_ATTEMPTS ? "failed" : "pending";
        Sql.update(c, "UPDATE cs_message SET delivery = ?, delivery_attempts = ?, delivery_detail = ?,"
                + " delivered_at = CASE WHEN ? THEN now() END WHERE id = ?", state, attempts,
                outcome.detail(), outcome.delivered(), id);
        scope.metrics().increment("replies.delivery", 1, "outcome", outcome.delivered() ? "delivered"
                : outcome.permanent() ? "refused" : "failed");
        return state;
    }

    private static Delivery sendQuietly(Channel channel, Message message) {
        try {
            Delivery delivery = channel.send(message);
            return delivery == null ? new Delivery(false, false, channel.id() + " gave no answer") : delivery;
        } catch (Exception e) {
            return new Delivery(false, false, channel.id() + " failed: " + e.getMessage());
        }
    }

    private static Message message(Map<String, Object> reply, String recipient, long id) {
        String conversation = String.valueOf(reply.get("conversationId"));
        return new Message(recipient, "Reply in conversation " + conversation, (String) reply.get("text"), null,
                Map.of("X-Operon-Conversation", conversation,
                        "X-Operon-Customer", (String) reply.get("customerId"),
                        "X-Operon-Channel", (String) reply.get("channel"),
                        "X-Operon-Author", "bot".equals(reply.get("author")) ? "bot" : "operator"),
                "cs-reply-" + id);
    }

    private static Optional<String> replyChannel(PluginScope scope) {
        return scope.config().get(CsConfig.REPLY_CHANNEL).filter(id -> !id.isBlank());
    }
}

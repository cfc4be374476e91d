package dev.operon.plugins.marketing.sending;

import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.sdk.operation.NoInput;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException.FieldError;
import dev.operon.sdk.operation.OperationException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** Unsubscribe links, the suppression list and bounces reported after delivery. */
public final class SuppressionOperations {

    private SuppressionOperations() {
    }

    /** @param token the token of an unsubscribe link */
    public record TokenInput(@NotBlank @Size(max = 200) String token) {
    }

    /** @param channel email, webhook, inapp or * (every channel, the default) */
    public record SuppressInput(@Positive long profileId, String channel, @Size(max = 200) String reason) {
    }

    /**
     * A bounce the mail system reported after the message was accepted.
     *
     * @param idempotencyKey the message's key (its Message-ID seed, in the X-Operon headers of the bounce)
     * @param kind           hard (the address is suppressed) or soft (recorded only)
     */
    public record BounceInput(@NotBlank String idempotencyKey, @NotBlank String kind, @Size(max = 2000) String detail) {
    }

    public record Suppression(long profileId, String channel, String reason, Instant at) {
    }

    public static List<Operation<?, ?>> all(Sender sender) {
        return List.of(
                // viewer: the public unsubscribe page calls it with a low-privilege key; the signature is the check
                Operation.action("unsubscribe", "Unsubscribe through a signed link", TokenInput.class,
                        Map.class, (c, in) -> unsubscribe(c, sender, in)).withRole(Operation.Role.VIEWER),
                Operation.action("suppress", "Add a user to the suppression list", SuppressInput.class,
                        Suppression.class,
                        SuppressionOperations::suppress),
                Operation.query("list-suppressions", "Suppression list", NoInput.class, List.class,
                        (c, in) -> list(c)),
                Operation.action("record-bounce", "Record a bounce", BounceInput.class, Map.class,
                        SuppressionOperations::bounce));
    }

    private static Map<String, Object> unsubscribe(OperationContext context, Sender sender, TokenInput in)
            throws SQLException {
        OptionalLong profile = sender.unsubscribe(context).verify(in.token().trim());
        if (profile.isEmpty()) {
            throw OperationException.invalid(List.of(new FieldError("token",
                    "not a valid unsubscribe token (changed, truncated or signed with another key)")));
        }
        insert(context, profile.getAsLong(), "*", "unsubscribe");
        Map<String, Object> out = Map.of("profileId", profile.getAsLong(), "unsubscribed", true);
        context.audit(null, out);
        return out;
    }

    private static Suppression suppress(OperationContext context, SuppressInput in) throws SQLException {
        String channel = in.channel() == null || in.channel().isBlank() ? "*" : in.channel();
        if (!Set.of("*", "email", "webhook", "inapp").contains(channel)) {
            throw OperationException.invalid(List.of(new FieldError("channel",
                    "expected email, webhook, inapp or *, found \"" + channel + "\"")));
        }
        if (context.profiles().get(in.profileId()).isEmpty()) {
            throw OperationException.notFound("no profile " + in.profileId());
        }
        String reason = in.reason() == null || in.reason().isBlank() ? "operator" : in.reason();
        insert(context, in.profileId(), channel, reason);
        Suppression s = new Suppression(in.profileId(), channel, reason, Instant.now());
        context.audit(null, s);
        return s;
    }

    private static void insert(OperationContext context, long profileId, String channel, String reason)
            throws SQLException {
        try (Connection c = context.data().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_suppression (profile_id, channel,"
                     + " reason) VALUES (?, ?, ?) ON CONFLICT (profile_id, channel) DO NOTHING")) {
            ps.setLong(1, profileId);
            ps.setString(2, channel);
            ps.setString(3, reason);
            ps.executeUpdate();
        }
    }

    private static List<Suppression> list(OperationContext context) throws SQLException {
        List<Suppression> out = new ArrayList<>();
        try (Connection c = context.data().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT profile_id, channel, reason, at"
                     + " FROM marketing_suppression ORDER BY at DESC LIMIT 1000");
             ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                out.add(new Suppression(r.getLong(1), r.getString(2), r.getString(3), CampaignStore.instant(r, 4)));
            }
        }
        return out;
    }

    private static Map<String, Object> bounce(OperationContext context, BounceInput in) throws SQLException {
        if (!Set.of("hard", "soft").contains(in.kind())) {
            throw OperationException.invalid(List.of(new FieldError("kind",
                    "expected hard or soft, found \"" + in.kind() + "\"")));
        }
        Bounced bounced = context.data().inTransaction(c -> {
            long sendId;
            long profileId;
            String channel;
            String before;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, profile_id, channel, status"
                    + " FROM marketing_send WHERE idempotency_key = ? FOR UPDATE")) {
                ps.setString(1, in.idempotencyKey());
                try (ResultSet r = ps.executeQuery()) {
                    if (!r.next()) {
                        throw OperationException.notFound("no message with key " + in.idempotencyKey());
                    }
                    sendId = r.getLong(1);
                    profileId = r.getLong(2);
                    channel = r.getString(3);
                    before = r.getString(4);
                }
            }
            String detail = in.detail() == null ? "" : in.detail();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_bounce (send_id, profile_id,"
                    + " kind, detail) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, sendId);
                ps.setLong(2, profileId);
                ps.setString(3, in.kind());
                ps.setString(4, detail);
                ps.executeUpdate();
            }
            if ("hard".equals(in.kind())) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE marketing_send SET status = 'bounced',"
                        + " detail = ? WHERE id = ? AND status = 'sent'")) {
                    ps.setString(1, detail);
                    ps.setLong(2, sendId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_suppression (profile_id,"
                        + " channel, reason) VALUES (?, ?, 'bounce') ON CONFLICT DO NOTHING")) {
                    ps.setLong(1, profileId);
                    ps.setString(2, channel);
                    ps.executeUpdate();
                }
            }
            return new Bounced(sendId, profileId, before);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sendId", bounced.sendId());
        out.put("profileId", bounced.profileId());
        out.put("kind", in.kind());
        out.put("suppressed", "hard".equals(in.kind()));
        context.audit(Map.of("status", bounced.statusBefore()), out);
        return out;
    }

    /** The message a bounce was recorded for, and its status before. */
    private record Bounced(long sendId, long profileId, String statusBefore) {
    }
}

package dev.operon.plugins.marketing.inbox;

import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.Profile;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The in-app message feed: what an app shows a user, read through the API, and marking messages read. */
public final class InboxOperations {

    private InboxOperations() {
    }

    /**
     * @param user  a user id or anonymous id (or use profileId)
     * @param limit newest first, default 50
     */
    public record InboxInput(String user, Long profileId, @Min(1) @Max(500) Integer limit, Boolean unreadOnly) {
    }

    public record ReadInput(@Positive long messageId, String user, Long profileId) {
    }

    public record InboxMessage(long id, long campaignId, String title, String body, Instant createdAt, Instant readAt) {
    }

    public static List<Operation<?, ?>> all() {
        return List.of(
                Operation.query("inbox", "In-app messages of a user", InboxInput.class, List.class,
                        InboxOperations::inbox),
                Operation.action("mark-read", "Mark an in-app message read", ReadInput.class, Map.class,
                        InboxOperations::markRead));
    }

    private static long profile(OperationContext context, String user, Long profileId) {
        if (profileId != null) {
            return context.profiles().get(profileId).map(Profile::id)
                    .orElseThrow(() -> OperationException.notFound("no profile " + profileId));
        }
        if (user == null || user.isBlank()) {
            throw OperationException.invalid(List.of(new OperationException.FieldError("user",
                    "give a user id (or anonymous id) or a profileId")));
        }
        return context.profiles().resolve(user).map(Profile::id)
                .orElseThrow(() -> OperationException.notFound("no profile for " + user));
    }

    private static List<InboxMessage> inbox(OperationContext context, InboxInput in) throws SQLException {
        long profileId = profile(context, in.user(), in.profileId());
        List<InboxMessage> out = new ArrayList<>();
        try (Connection c = context.data().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, campaign_id, title, body, created_at, read_at"
                     + " FROM marketing_inbox WHERE profile_id = ?"
                     + (Boolean.TRUE.equals(in.unreadOnly()) ? " AND read_at IS NULL" : "")
                     + " ORDER BY id DESC LIMIT ?")) {
            ps.setLong(1, profileId);
            ps.setInt(2, in.limit() == null ? 50 : in.limit());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new InboxMessage(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                            CampaignStore.instant(r, 5), CampaignStore.instant(r, 6)));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> markRead(OperationContext context, ReadInput in) throws SQLException {
        long profileId = profile(context, in.user(), in.profileId());
        try (Connection c = context.data().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE marketing_inbox SET read_at = coalesce(read_at, now())"
                     + " WHERE id = ? AND profile_id = ?")) {
            ps.setLong(1, in.messageId());
            ps.setLong(2, profileId);
            if (ps.executeUpdate() == 0) {
                throw OperationException.notFound("no message " + in.messageId() + " for this user");
            }
        }
        context.audit(null, Map.of("messageId", in.messageId(), "read", true));
        return Map.of("messageId", in.messageId(), "read", true);
    }
}

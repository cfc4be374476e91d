package dev.operon.plugins.marketing.campaigns;

import dev.operon.plugins.marketing.Edit;
import dev.operon.plugins.marketing.audience.PendingSegments;
import dev.operon.plugins.marketing.audience.SegmentCheck;
import dev.operon.plugins.marketing.sending.Dispatcher;
import dev.operon.plugins.marketing.sending.MessageRenderer;
import dev.operon.sdk.operation.AllowedValues;
import dev.operon.sdk.operation.NoInput;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException.FieldError;
import dev.operon.sdk.operation.OperationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Campaign life cycle: create and edit drafts, approval by a second operator, scheduling, the per-campaign kill
 * switch. Every action is audited with the campaign before and after.
 */
public final class CampaignOperations {

    private CampaignOperations() {
    }

    /** @param id the campaign id */
    public record IdInput(@Positive long id) {
    }

    public record UpdateInput(@Positive long id, @NotNull @Valid CampaignInput campaign) {
    }

    /**
     * The campaign editor's target field: {@code all} or {@code positive-uplift} (only the users the uplift model
     * predicts to be persuadable).
     */
    public record TargetInput(@Positive long id, @NotBlank @AllowedValues({"all", "positive-uplift"}) String target) {
    }

    /** One line of the campaign list. */
    /** @param segmentName the name of the segment, from the plugin that offers segments; null when none knows it */
    public record CampaignRow(long id, String name, String status, String channel, String schedule, String segmentId,
                              String createdBy, String approvedBy, Instant nextRunAt, long sent, long pending,
                              long holdout, String winner, String target, String segmentName) {
    }

    public static List<Operation<?, ?>> all(MessageRenderer renderer) {
        CampaignValidator validator = new CampaignValidator(renderer);
        return List.of(
                Operation.action("create-campaign", "Create a campaign (draft)", CampaignInput.class, Campaign.class,
                        (c, in) -> create(c, validator.validate(in, SegmentCheck.of(c)))),
                Operation.action("update-campaign", "Edit a campaign (back to draft)", UpdateInput.class,
                        Campaign.class,
                        (c, in) -> update(c, in.id(), validator.validate(in.campaign(), SegmentCheck.of(c)))),
                Operation.action("set-campaign-target", "Set who a campaign targets (back to draft)", TargetInput.class,
                        Campaign.class, CampaignOperations::setTarget),
                Operation.query("get-campaign", "Campaign", IdInput.class, Campaign.class,
                        (c, in) -> read(c, in.id())),
                Operation.query("list-campaigns", "Campaigns", NoInput.class, List.class, (c, in) -> list(c)),
                Operation.action("approve-campaign", "Approve a draft (another operator than its author)",
                        IdInput.class,
                        Campaign.class, CampaignOperations::approve),
                Operation.action("schedule-campaign", "Schedule an approved campaign", IdInput.class, Campaign.class,
                        CampaignOperations::schedule),
                Operation.action("kill-campaign", "Stop a campaign now (kill switch)", IdInput.class, Campaign.class,
                        CampaignOperations::kill));
    }

    private static Campaign create(OperationContext context, CampaignSpec spec) throws SQLException {
        Campaign created = context.data().inTransaction(c -> {
            if (nameTaken(c, spec.name(), 0)) {
                throw new OperationException(409, "a campaign named \"" + spec.name() + "\" exists");
            }
            return CampaignStore.get(c, CampaignStore.insert(c, spec, context.actor()), false).orElseThrow();
        });
        context.audit(null, created);
        return created;
    }

    private static Campaign update(OperationContext context, long id, CampaignSpec spec) throws SQLException {
        Edit<Campaign> edit = context.data().inTransaction(c -> {
            Campaign before = locked(c, id);
            if (!List.of("draft", "approved").contains(before.status())) {
                throw new OperationException(409, "campaign " + id + " is " + before.status()
                        + ": only drafts and approved campaigns can be edited (kill it and create a new one)");
            }
            if (nameTaken(c, spec.name(), id)) {
                throw new OperationException(409, "a campaign named \"" + spec.name() + "\" exists");
            }
            CampaignStore.replace(c, id, spec);
            return new Edit<>(before, CampaignStore.get(c, id, false).orElseThrow());
        });
        context.audit(edit.before(), edit.after());
        return edit.after();
    }

    /** Changes the target only; like any edit it sends the campaign back to draft, voiding its approval. */
    private static Campaign setTarget(OperationContext context, TargetInput in) throws SQLException {
        String target = in.target().strip();
        return transition(context, in.id(), (c, before) -> {
            String problem = CampaignValidator.targetProblem(before, target);
            if (problem != null) {
                throw OperationException.invalid(List.of(new FieldError("target", problem)));
            }
            if (!List.of("draft", "approved").contains(before.status())) {
                throw new OperationException(409, "campaign " + before.id() + " is " + before.status()
                        + ": only drafts and approved campaigns can be edited (kill it and create a new one)");
            }
            execute(c, "UPDATE marketing_campaign SET target = ?, status = 'draft', approved_by = NULL,"
                    + " approved_at = NULL, updated_at = now() WHERE id = ?", target, before.id());
        });
    }

    private static Campaign approve(OperationContext context, IdInput in) throws SQLException {
        return transition(context, in.id(), (c, before) -> {
            if (!"draft".equals(before.status())) {
                throw new OperationException(409, "campaign " + before.id() + " is " + before.status()
                        + ", only a draft can be approved");
            }
            if (before.createdBy().equals(context.actor())) {
                throw new OperationException(409, "campaign " + before.id() + " was written by " + context.actor()
                        + ": another operator must approve it");
            }
            if (before.segmentId() == null && List.of("once", "cron", "incident").contains(before.schedule())) {
                throw new OperationException(409, "campaign " + before.id() + " has no segment yet"
                        + PendingSegments.describe(c, before.id()) + ": set segmentId before approving it");
            }
            execute(c, "UPDATE marketing_campaign SET status = 'approved', approved_by = ?, approved_at = now(),"
                    + " updated_at = now() WHERE id = ?", context.actor(), before.id());
        });
    }

    private static Campaign schedule(OperationContext context, IdInput in) throws SQLException {
        return transition(context, in.id(), (c, before) -> {
            if (!"approved".equals(before.status())) {
                throw new OperationException(409, "campaign " + before.id() + " is " + before.status()
                        + ": it must be approved by another operator before it can be scheduled");
            }
            Instant now = Instant.now();
            Instant next = switch (before.schedule()) {
                case "once" -> before.sendAt();
                case "cron" -> Dispatcher.nextFire(before.cron(), now);
                default -> now;   // trigger: events from now on
            };
            try (PreparedStatement ps = c.prepareStatement("UPDATE marketing_campaign SET status = 'scheduled',"
                    + " next_run_at = ?, updated_at = now() WHERE id = ?")) {
                CampaignStore.setInstant(ps, 1, next);
                ps.setLong(2, before.id());
                ps.executeUpdate();
            }
        });
    }

    private static Campaign kill(OperationContext context, IdInput in) throws SQLException {
        return transition(context, in.id(), (c, before) -> {
            if ("killed".equals(before.status())) {
                throw new OperationException(409, "campaign " + before.id() + " is already killed");
            }
            execute(c, "UPDATE marketing_campaign SET status = 'killed', killed_by = ?, killed_at = now(),"
                    + " updated_at = now() WHERE id = ?", context.actor(), before.id());
        });
    }

    private interface Change {
        void apply(Connection c, Campaign before) throws SQLException;
    }

    private static Campaign transition(OperationContext context, long id, Change change) throws SQLException {
        Edit<Campaign> edit = context.data().inTransaction(c -> {
            Campaign before = locked(c, id);
            change.apply(c, before);
            return new Edit<>(before, CampaignStore.get(c, id, false).orElseThrow());
        });
        context.audit(summary(edit.before()), summary(edit.after()));
        return edit.after();
    }

    private static Map<String, Object> summary(Campaign k) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("status", k.status());
        m.put("approvedBy", k.approvedBy());
        m.put("nextRunAt", k.nextRunAt() == null ? null : k.nextRunAt().toString());
        m.put("killedBy", k.killedBy());
        m.put("target", k.target());
        return m;
    }

    private static Campaign locked(Connection c, long id) throws SQLException {
        return CampaignStore.get(c, id, true).orElseThrow(() -> OperationException.notFound("no campaign " + id));
    }

    private static Campaign read(OperationContext context, long id) throws SQLException {
        try (Connection c = context.data().dataSource().getConnection()) {
            return CampaignStore.get(c, id, false).orElseThrow(() -> OperationException.notFound("no campaign " + id));
        }
    }

    private static List<CampaignRow> list(OperationContext context) throws SQLException {
        List<CampaignRow> rows = new ArrayList<>();
        try (Connection c = context.data().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT k.id, k.name, k.status, k.channel, k.schedule_kind,"
                     + " k.segment_id, k.created_by, k.approved_by, k.next_run_at, k.winner,"
                     + " count(*) FILTER (WHERE s.status = 'sent'),"
                     + " count(*) FILTER (WHERE s.status IN ('planned', 'deferred', 'retry', 'sending')),"
                     + " count(*) FILTER (WHERE s.status = 'holdout'), k.target"
                     + " FROM marketing_campaign k LEFT JOIN marketing_send s ON s.campaign_id = k.id"
                     + " GROUP BY k.id ORDER BY k.id DESC");
             ResultSet r = ps.executeQuery()) {
            Map<String, String> segmentNames = SegmentCheck.of(context).names();
            while (r.next()) {
                rows.add(new CampaignRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getString(7), r.getString(8), CampaignStore.instant(r, 9),
                        r.getLong(11), r.getLong(12), r.getLong(13), r.getString(10), r.getString(14),
                        r.getString(6) == null ? null : segmentNames.get(r.getString(6))));
            }
        }
        return rows;
    }

    private static boolean nameTaken(Connection c, String name, long except) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM marketing_campaign WHERE name = ? AND id <> ?")) {
            ps.setString(1, name);
            ps.setLong(2, except);
            try (ResultSet r = ps.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void execute(Connection c, String sql, String actor, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, actor);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }
}

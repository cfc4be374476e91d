package dev.operon.plugins.marketing.sending;

import dev.operon.plugins.marketing.audience.SegmentAudience;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.plugins.marketing.experiments.Assigner;
import dev.operon.plugins.marketing.experiments.Experiments;
import dev.operon.plugins.marketing.experiments.Tally;
import dev.operon.plugins.marketing.uplift.FeatureSnapshot;
import dev.operon.plugins.marketing.uplift.UpliftTargeting;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Turns schedules into planned messages: the one-off run when its time comes, each cron occurrence, each trigger
 * event (due after the campaign's delay); then completes one-off campaigns with nothing left to send.
 */
public final class Dispatcher {

    /** Trigger events read again at each pass, in case a slower writer committed a smaller id late. */
    private static final long TRIGGER_OVERLAP = 500;
    private static final int TRIGGER_BATCH = 20_000;

    private Dispatcher() {
    }

    /**
     * Plans what is due for one campaign.
     *
     * @param sendNow plan a one-off run now even if its time has not come (an operator's "send now")
     * @return messages planned
     */
    public static long planDue(PluginScope s, Campaign k, Instant now, boolean sendNow) throws SQLException {
        return switch (k.schedule()) {
            case "once" -> (sendNow || (k.nextRunAt() != null && !k.nextRunAt().isAfter(now)))
                    ? planRun(s, k, "once", now, null) : 0;
            case "cron" -> k.nextRunAt() != null && !k.nextRunAt().isAfter(now)
                    ? planRun(s, k, k.nextRunAt().toString(), now, nextFire(k.cron(), now)) : 0;
            case "trigger" -> planTriggered(s, k, now);
            case "incident" -> planIncidents(s, k, now);
            default -> 0;
        };
    }

    private static long planRun(PluginScope s, Campaign k, String runKey, Instant now, Instant nextRun)
            throws SQLException {
        try (Connection c = s.data().dataSource().getConnection()) {
            if (Planner.planned(c, k.id(), runKey)) {
                advance(c, k.id(), nextRun);
                return 0;
            }
        }
        Set<Long> audience = SegmentAudience.members(s.events(), k.segmentId());
        long droppedNoUplift = 0;
        if (k.upliftTargeted()) {
            UpliftTargeting.Result targeted = UpliftTargeting.persuadable(s, audience);
            audience = targeted.kept();
            droppedNoUplift = targeted.dropped();
        }
        Map<String, Tally> results = "thompson".equals(k.allocation()) ? Experiments.tallies(s, k) : Map.of();
        Assigner assigner = new Assigner(k, runKey, results);
        Map<Long, String> features = FeatureSnapshot.of(s, k, audience);
        long dropped = droppedNoUplift;
        Set<Long> targets = audience;
        return s.data().inTransaction(c -> {
            int written = Planner.planRun(c, k, runKey, targets, assigner, now, features);
            if (written >= 0 && dropped > 0) {
                Planner.recordUpliftDropped(c, k.id(), runKey, dropped);
            }
            advance(c, k.id(), nextRun);
            return Math.max(0, written);
        });
    }

    private static void advance(Connection c, long campaignId, Instant nextRun) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE marketing_campaign SET next_run_at = ? WHERE id = ?")) {
            CampaignStore.setInstant(ps, 1, nextRun);
            ps.setLong(2, campaignId);
            ps.executeUpdate();
        }
    }

    private static long planTriggered(PluginScope s, Campaign k, Instant now) throws SQLException {
        Instant since = k.nextRunAt() == null ? now : k.nextRunAt();
        List<Event> events = new ArrayList<>();
        s.events().forEach(EventQuery.all().named(k.triggerEvent()).after(Math.max(0, k.triggerCursor() - TRIGGER_OVERLAP))
                .limit(TRIGGER_BATCH), events::add);
        long cursor = k.triggerCursor();
        List<Event> relevant = new ArrayList<>();
        for (Event e : events) {
            cursor = Math.max(cursor, e.id());
            if (e.profileId() != null && !e.timestamp().isBefore(since)) {
                relevant.add(e);
            }
        }
        // members when triggered; a live audience is checked again when the message is due
        Set<Long> members = k.segmentId() != null && !relevant.isEmpty()
                ? SegmentAudience.members(s.events(), k.segmentId()) : null;
        if (members != null && k.upliftTargeted()) {
            Set<Long> triggered = new java.util.HashSet<>();
            relevant.forEach(e -> triggered.add(e.profileId()));
            triggered.retainAll(members);
            members = UpliftTargeting.persuadable(s, triggered).kept();
        }
        Map<String, Tally> results = "thompson".equals(k.allocation()) && !relevant.isEmpty()
                ? Experiments.tallies(s, k) : Map.of();
        Assigner assigner = new Assigner(k, "trigger", results);
        Set<Long> planned = new java.util.HashSet<>();
        for (Event e : relevant) {
            if (members == null || members.contains(e.profileId())) {
                planned.add(e.profileId());
            }
        }
        Map<Long, String> features = FeatureSnapshot.of(s, k, planned);
        long lastCursor = cursor;
        return s.data().inTransaction(c -> {
            long written = 0;
            for (Event e : relevant) {
                if (!planned.contains(e.profileId())) {
                    continue;
                }
                Instant due = e.timestamp().plusSeconds(k.triggerDelaySeconds());
                written += Planner.insert(c, k, "trigger", List.of(e.profileId()), assigner,
                        due.isBefore(now) ? now : due, features);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE marketing_campaign SET trigger_cursor = ?"
                    + " WHERE id = ? AND trigger_cursor < ?")) {
                ps.setLong(1, lastCursor);
                ps.setLong(2, k.id());
                ps.setLong(3, lastCursor);
                ps.executeUpdate();
            }
            return written;
        });
    }

    /** One run per incident opening received (after the campaign's delay), to the segment's members then. */
    private static long planIncidents(PluginScope s, Campaign k, Instant now) throws SQLException {
        List<String> due = new ArrayList<>();
        try (Connection c = s.data().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT i.incident_id FROM marketing_incident i"
                     + " WHERE i.campaign_id = ? AND i.received_at + make_interval(secs => ?) <= ?"
                     + " AND NOT EXISTS (SELECT 1 FROM marketing_run r WHERE r.campaign_id = i.campaign_id"
                     + " AND r.run_key = 'incident-' || i.incident_id) ORDER BY i.received_at")) {
            ps.setLong(1, k.id());
            ps.setLong(2, k.triggerDelaySeconds());
            CampaignStore.setInstant(ps, 3, now);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    due.add(r.getString(1));
                }
            }
        }
        long written = 0;
        for (String incident : due) {
            written += planRun(s, k, "incident-" + incident, now, k.nextRunAt());
        }
        return written;
    }

    /** Marks a one-off campaign completed once its run is planned and nothing of it is left to send. */
    public static boolean completeIfDone(PluginScope s, Campaign k) throws SQLException {
        if (!"once".equals(k.schedule())) {
            return false;
        }
        try (Connection c = s.data().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE marketing_campaign SET status = 'completed',"
                     + " updated_at = now() WHERE id = ? AND status = 'scheduled'"
                     + " AND EXISTS (SELECT 1 FROM marketing_run WHERE campaign_id = ?)"
                     + " AND NOT EXISTS (SELECT 1 FROM marketing_send WHERE campaign_id = ?"
                     + " AND status IN ('planned', 'deferred', 'retry', 'sending'))")) {
            ps.setLong(1, k.id());
            ps.setLong(2, k.id());
            ps.setLong(3, k.id());
            return ps.executeUpdate() == 1;
        }
    }

    /** The next time a Quartz cron expression fires after {@code after}, in UTC as the platform's schedules. */
    public static Instant nextFire(String cron, Instant after) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone("UTC"));
            Date next = expression.getNextValidTimeAfter(Date.from(after));
            return next == null ? null : next.toInstant();
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad cron expression " + cron + ": " + e.getMessage(), e);
        }
    }

    /** How many messages of a campaign are still to be sent. */
    public static long pending(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM marketing_send WHERE campaign_id = ?"
                + " AND status IN ('planned', 'deferred', 'retry', 'sending')")) {
            ps.setLong(1, campaignId);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}

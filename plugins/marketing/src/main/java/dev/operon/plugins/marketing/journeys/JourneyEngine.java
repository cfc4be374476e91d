package dev.operon.plugins.marketing.journeys;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.plugins.marketing.experiments.Assigner;
import dev.operon.plugins.marketing.sending.Planner;
import dev.operon.plugins.marketing.uplift.FeatureSnapshot;
import dev.operon.plugins.marketing.uplift.UpliftTargeting;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Moves users through a journey. Each user's moves in one pass are one transaction together with the messages they
 * plan (rows in {@code marketing_send} with their idempotency keys, delivered by the campaign clock under every
 * guardrail), so a pass that dies changes nothing and the next one does the same moves again: state survives a
 * restart and a send step never plans a second message (one key per journey, step and user).
 */
public final class JourneyEngine {

    /** Entry events read again at each pass, in case a slower writer committed a smaller id late. */
    private static final long ENTRY_OVERLAP = 500;
    private static final int ENTRY_BATCH = 20_000;
    private static final int MEMBER_BATCH = 500;
    /** How often a user waiting on a condition is looked at again. */
    private static final long CONDITION_POLL_SECONDS = 60;

    private JourneyEngine() {
    }

    /** What one pass over a journey did. */
    public record Pass(long entered, long moved, long messages) {

        Pass plus(Pass o) {
            return new Pass(entered + o.entered, moved + o.moved, messages + o.messages);
        }
    }

    /** Lets new users in, then moves every user whose step is due. */
    public static Pass run(PluginScope s, Journey j, Instant now) throws SQLException {
        long entered = enter(s, j, now);
        Pass pass = new Pass(entered, 0, 0);
        while (true) {
            Pass batch = advanceBatch(s, j, now);
            pass = pass.plus(batch);
            if (batch.moved() < MEMBER_BATCH) {
                return pass;
            }
        }
    }

    private static long enter(PluginScope s, Journey j, Instant now) throws SQLException {
        List<Event> events = new ArrayList<>();
        s.events().forEach(EventQuery.all().named(j.entryEvent()).after(Math.max(0, j.entryCursor() - ENTRY_OVERLAP))
                .limit(ENTRY_BATCH), events::add);
        return s.data().inTransaction(c -> {
            long cursor = j.entryCursor();
            long written = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_journey_member (journey_id,"
                    + " profile_id, status, step, step_since, due_at, entered_at) VALUES (?, ?, 'active', ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
                for (Event e : events) {
                    cursor = Math.max(cursor, e.id());
                    if (e.profileId() == null || e.timestamp().isBefore(j.activatedAt())
                            || (j.entrySegmentId() != null
                            && !j.entrySegmentId().equals(idText(e.properties().get("segment_id"))))) {
                        continue;
                    }
                    Instant at = e.timestamp().isAfter(now) ? now : e.timestamp();
                    ps.setLong(1, j.id());
                    ps.setLong(2, e.profileId());
                    ps.setString(3, j.firstStep());
                    CampaignStore.setInstant(ps, 4, at);
                    CampaignStore.setInstant(ps, 5, at);
                    CampaignStore.setInstant(ps, 6, at);
                    written += ps.executeUpdate();
                }
                try (PreparedStatement cur = c.prepareStatement("UPDATE marketing_journey SET entry_cursor = ?"
                        + " WHERE id = ? AND entry_cursor < ?")) {
                    cur.setLong(1, cursor);
                    cur.setLong(2, j.id());
                    cur.setLong(3, cursor);
                    cur.executeUpdate();
                }
            }
            return written;
        });
    }

    private record Member(long profileId, String step, Instant stepSince, Instant enteredAt, String path) {
    }

    private static Pass advanceBatch(PluginScope s, Journey j, Instant now) throws SQLException {
        return s.data().inTransaction(c -> {
            long moved = 0;
            long messages = 0;
            List<Member> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT profile_id, step, step_since, entered_at, path"
                    + " FROM marketing_journey_member WHERE journey_id = ? AND status = 'active' AND due_at <= ?"
                    + " ORDER BY due_at, profile_id LIMIT " + MEMBER_BATCH + " FOR UPDATE SKIP LOCKED")) {
                ps.setLong(1, j.id());
                CampaignStore.setInstant(ps, 2, now);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        due.add(new Member(r.getLong(1), r.getString(2), CampaignStore.instant(r, 3),
                                CampaignStore.instant(r, 4), r.getString(5)));
                    }
                }
            }
            for (Member m : due) {
                messages += walk(c, s, j, m, now);
                moved++;
            }
            return new Pass(0, moved, messages);
        });
    }

    /** Walks one user as far as the steps allow now; returns the messages planned. */
    private static int walk(Connection c, PluginScope s, Journey j, Member m, Instant now) throws SQLException {
        String step = m.step();
        Instant since = m.stepSince();
        StringBuilder path = new StringBuilder(m.path());
        int messages = 0;
        // journeys are acyclic (checked when written), so this ends within the number of steps
        for (int hops = 0; hops <= j.steps().size(); hops++) {
            if (j.goalEvent() != null && did(s, m.profileId(), j.goalEvent(), m.enteredAt(), now)) {
                save(c, j, m, "goal", step, since, now, append(path, "goal"));
                return messages;
            }
            JourneyStep here = j.step(step).orElse(null);
            if (here == null || "exit".equals(here.kind())) {
                save(c, j, m, "done", step, since, now, append(path, step));
                return messages;
            }
            String next;
            String note = step;
            switch (here.kind()) {
                case "send" -> {
                    Campaign k = CampaignStore.get(c, here.campaignId(), false).orElse(null);
                    if (k != null && k.active() && k.upliftTargeted() && !persuadable(s, m.profileId())) {
                        // as a positive-uplift campaign's run leaves such members out: no message, the user goes on
                        note = step + "(no-uplift)";
                    } else if (k != null && k.active()) {
                        String runKey = "journey-" + j.id() + "-" + here.id();
                        messages += Planner.insert(c, k, runKey, List.of(m.profileId()),
                                new Assigner(k, runKey, Map.of()), now,
                                FeatureSnapshot.of(s, k, List.of(m.profileId())));
                    } else {
                        // a killed or unscheduled campaign sends nothing; the user goes on
                        note = step + "(not sent)";
                    }
                    next = here.next();
                }
                case "wait" -> {
                    Instant until = since.plusSeconds(here.seconds());
                    if (now.isBefore(until)) {
                        save(c, j, m, "active", step, since, until, path.toString());
                        return messages;
                    }
                    next = here.next();
                }
                case "condition" -> {
                    Instant until = since.plusSeconds(here.seconds());
                    if (did(s, m.profileId(), here.event(), since, until.isBefore(now) ? until : now)) {
                        next = here.yes();
                        note = step + ":yes";
                    } else if (!now.isBefore(until)) {
                        next = here.no();
                        note = step + ":no";
                    } else {
                        Instant again = now.plusSeconds(CONDITION_POLL_SECONDS);
                        save(c, j, m, "active", step, since, again.isBefore(until) ? again : until, path.toString());
                        return messages;
                    }
                }
                case "split" -> {
                    next = here.branchFor(point(j.id(), here.id(), m.profileId()));
                    note = step + ":" + next;
                }
                default -> throw new IllegalStateException("unknown step kind " + here.kind());
            }
            append(path, note);
            step = next;
            since = now;
        }
        throw new IllegalStateException("journey " + j.id() + " loops at step " + step);
    }

    /**
     * Whether the uplift model's champion predicts a positive uplift for the user. Without a champion this throws
     * (as the planning of a positive-uplift campaign fails): the pass rolls back and the next one tries again, so
     * nobody walks past the send step unscored.
     */
    private static boolean persuadable(PluginScope s, long profileId) {
        return UpliftTargeting.persuadable(s, Set.of(profileId)).kept().contains(profileId);
    }

    private static String append(StringBuilder path, String note) {
        if (!path.isEmpty()) {
            path.append(' ');
        }
        return path.append(note).toString();
    }

    private static void save(Connection c, Journey j, Member m, String status, String step, Instant since,
                             Instant due, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE marketing_journey_member SET status = ?, step = ?,"
                + " step_since = ?, due_at = ?, path = ?, updated_at = now() WHERE journey_id = ? AND profile_id = ?")) {
            ps.setString(1, status);
            ps.setString(2, step);
            CampaignStore.setInstant(ps, 3, since);
            CampaignStore.setInstant(ps, 4, due);
            ps.setString(5, path);
            ps.setLong(6, j.id());
            ps.setLong(7, m.profileId());
            ps.executeUpdate();
        }
    }

    /** Whether the user did {@code event} at or after {@code from} and no later than {@code to}. */
    private static boolean did(PluginScope s, long profileId, String event, Instant from, Instant to) {
        return s.events().count(EventQuery.all().named(event).ofProfile(profileId)
                .between(from, to.plusMillis(1))) > 0;
    }

    /** A number in [0, 100) fixed for the journey, step and user: the same branch after a crash and a retry. */
    static double point(long journeyId, String stepId, long profileId) {
        CRC32 crc = new CRC32();
        crc.update((journeyId + "/" + stepId + "/" + profileId).getBytes(StandardCharsets.UTF_8));
        long h = crc.getValue() * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return ((h >>> 11) * 0x1.0p-53) * 100;
    }

    private static String idText(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        return String.valueOf(value);
    }
}

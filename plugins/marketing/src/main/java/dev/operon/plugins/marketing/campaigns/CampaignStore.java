package dev.operon.plugins.marketing.campaigns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes {@code marketing_campaign} and {@code marketing_variant}. */
public final class CampaignStore {

    private static final String COLUMNS = "id, name, status, channel, segment_id, audience_mode, schedule_kind, send_at,"
            + " cron, trigger_event, trigger_delay_seconds, webhook_url, holdout_percent, allocation, goal_event,"
            + " goal_window_seconds, auto_winner, winner, created_by, created_at, approved_by, approved_at, next_run_at,"
            + " trigger_cursor, killed_by, killed_at, target";

    private CampaignStore() {
    }

    static long insert(Connection c, CampaignSpec s, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_campaign (name, status, channel,"
                + " segment_id, audience_mode, schedule_kind, send_at, cron, trigger_event, trigger_delay_seconds,"
                + " webhook_url, holdout_percent, allocation, goal_event, goal_window_seconds, auto_winner, target,"
                + " created_by) VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            bindSpec(ps, s, 1);
            ps.setString(17, actor);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                long id = r.getLong(1);
                insertVariants(c, id, s.variants());
                return id;
            }
        }
    }

    /** Replaces a campaign's settings and variants; the campaign goes back to draft (its approval is void). */
    static void replace(Connection c, long id, CampaignSpec s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE marketing_campaign SET name = ?, channel = ?,"
                + " segment_id = ?, audience_mode = ?, schedule_kind = ?, send_at = ?, cron = ?, trigger_event = ?,"
                + " trigger_delay_seconds = ?, webhook_url = ?, holdout_percent = ?, allocation = ?, goal_event = ?,"
                + " goal_window_seconds = ?, auto_winner = ?, target = ?, status = 'draft', approved_by = NULL, approved_at = NULL,"
                + " updated_at = now() WHERE id = ?")) {
            ps.setString(1, s.name());
            bindSpec(ps, s, 2);
            ps.setLong(17, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM marketing_variant WHERE campaign_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        insertVariants(c, id, s.variants());
    }

    private static void bindSpec(PreparedStatement ps, CampaignSpec s, int first) throws SQLException {
        int i = first;
        if (first == 1) {
            ps.setString(i++, s.name());
        }
        ps.setString(i++, s.channel());
        ps.setString(i++, s.segmentId());
        ps.setString(i++, s.audienceMode());
        ps.setString(i++, s.schedule());
        setInstant(ps, i++, s.sendAt());
        ps.setString(i++, s.cron());
        ps.setString(i++, s.triggerEvent());
        ps.setLong(i++, s.triggerDelaySeconds());
        ps.setString(i++, s.webhookUrl());
        ps.setDouble(i++, s.holdoutPercent());
        ps.setString(i++, s.allocation());
        ps.setString(i++, s.goalEvent());
        ps.setLong(i++, s.goalWindowSeconds());
        ps.setBoolean(i++, s.autoWinner());
        ps.setString(i, s.target());
    }

    private static void insertVariants(Connection c, long id, List<Variant> variants) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_variant (campaign_id, name, weight,"
                + " subject, html, body) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Variant v : variants) {
                ps.setLong(1, id);
                ps.setString(2, v.name());
                ps.setDouble(3, v.weight());
                ps.setString(4, v.subject());
                ps.setString(5, v.html());
                ps.setString(6, v.text());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The campaign, locked for update when {@code lock}. */
    public static Optional<Campaign> get(Connection c, long id, boolean lock) throws SQLException {
        List<Campaign> found = query(c, "WHERE id = ?" + (lock ? " FOR UPDATE" : ""), id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public static List<Campaign> list(Connection c) throws SQLException {
        return query(c, "ORDER BY id", null);
    }

    /** Scheduled campaigns, the ones the dispatcher works on. */
    public static List<Campaign> scheduled(Connection c) throws SQLException {
        return query(c, "WHERE status = 'scheduled' ORDER BY id", null);
    }

    private static List<Campaign> query(Connection c, String tail, Long id) throws SQLException {
        List<Campaign> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM marketing_campaign " + tail)) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(read(r, List.of()));
                }
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        Map<Long, List<Variant>> variants = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT campaign_id, name, weight, subject, html, body"
                + " FROM marketing_variant WHERE campaign_id = ANY (?) ORDER BY campaign_id, name")) {
            ps.setArray(1, c.createArrayOf("bigint", out.stream().map(Campaign::id).toArray()));
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    variants.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new Variant(r.getString(2),
                            r.getDouble(3), r.getString(4), r.getString(5), r.getString(6)));
                }
            }
        }
        List<Campaign> withVariants = new ArrayList<>();
        for (Campaign k : out) {
            withVariants.add(new Campaign(k.id(), k.name(), k.status(), k.channel(), k.segmentId(), k.audienceMode(),
                    k.schedule(), k.sendAt(), k.cron(), k.triggerEvent(), k.triggerDelaySeconds(), k.webhookUrl(),
                    k.holdoutPercent(), k.allocation(), k.goalEvent(), k.goalWindowSeconds(), k.autoWinner(),
                    k.winner(), k.createdBy(), k.createdAt(), k.approvedBy(), k.approvedAt(), k.nextRunAt(),
                    k.triggerCursor(), k.killedBy(), k.killedAt(), List.copyOf(variants.getOrDefault(k.id(), List.of())),
                    k.target()));
        }
        return withVariants;
    }

    private static Campaign read(ResultSet r, List<Variant> variants) throws SQLException {
        return new Campaign(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), instant(r, 8), r.getString(9), r.getString(10), r.getLong(11),
                r.getString(12), r.getDouble(13), r.getString(14), r.getString(15), r.getLong(16), r.getBoolean(17),
                r.getString(18), r.getString(19), instant(r, 20), r.getString(21), instant(r, 22), instant(r, 23),
                r.getLong(24), r.getString(25), instant(r, 26), variants, r.getString(27));
    }

    public static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }
}

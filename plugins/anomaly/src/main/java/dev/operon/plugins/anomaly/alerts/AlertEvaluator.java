package dev.operon.plugins.anomaly.alerts;

import dev.operon.plugins.anomaly.metrics.Point;
import dev.operon.plugins.anomaly.metrics.Series;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns newly scored points of a series into incident transitions, rule by rule, in the scoring transaction.
 *
 * <p>A point is anomalous under a rule when its score reaches the rule's threshold. A run of anomalous points that
 * lasts the rule's minimum duration opens an incident (unless one is active: then the point joins it, which is the
 * grouping: one incident per series, rule and episode). A normal point breaks a run that has not opened an incident
 * yet. An incident resolves by itself at the first point that comes the rule's resolve-after time after its last
 * anomalous point. Times are the points' own times, so replaying history gives the same incidents. Incidents that open
 * while a silence or maintenance window matches are recorded with it and nobody is told, now or when they resolve.
 */
public final class AlertEvaluator {

    /** The actor of automatic transitions in the incident history. */
    public static final String AUTOMATIC = "task:anomaly.score";

    private AlertEvaluator() {
    }

    /** What the evaluation of one batch did. */
    public record Summary(int opened, int resolved, int notifications) {
        public Summary plus(Summary o) {
            return new Summary(opened + o.opened, resolved + o.resolved, notifications + o.notifications);
        }
    }

    public static Summary evaluate(Connection c, Series series, List<Rule> rules, List<Silence> silences,
                                   List<Point> scored, Instant now) throws SQLException {
        Summary summary = new Summary(0, 0, 0);
        for (Rule rule : rules) {
            if (rule.watches(series)) {
                summary = summary.plus(evaluate(c, series, rule, silences, scored, now));
            }
        }
        return summary;
    }

    private static Summary evaluate(Connection c, Series series, Rule rule, List<Silence> silences,
                                    List<Point> scored, Instant now) throws SQLException {
        Instant[] state = loadState(c, series.id(), rule.id());
        Instant aboveSince = state[0];
        Instant lastAbove = state[1];
        Optional<Incident> active = IncidentStore.active(c, series.id(), rule.id());
        Long incidentId = active.map(Incident::id).orElse(null);
        int opened = 0;
        int resolved = 0;
        int notifications = 0;
        Duration minDuration = Duration.ofSeconds(rule.minDurationSeconds());
        Duration resolveAfter = Duration.ofSeconds(rule.resolveAfterSeconds());
        for (Point p : scored) {
            boolean anomalous = p.score() != null && p.score() >= rule.threshold();
            if (anomalous) {
                if (aboveSince == null) {
                    aboveSince = p.ts();
                }
                lastAbove = p.ts();
                if (incidentId != null) {
                    IncidentStore.extend(c, incidentId, p.ts(), p.score());
                } else if (Duration.between(aboveSince, p.ts()).compareTo(minDuration) >= 0) {
                    Long silencedBy = silencing(silences, series, aboveSince, p.ts());
                    incidentId = IncidentStore.open(c, series.id(), rule, aboveSince, p.ts(), p.score(), silencedBy);
                    IncidentStore.recordChange(c, incidentId, null, Incident.OPEN, AUTOMATIC, p.ts(),
                            silencedBy == null ? null : "silenced by " + silencedBy);
                    opened++;
                    if (silencedBy == null) {
                        notifications += Outbox.enqueue(c, IncidentStore.find(c, incidentId).orElseThrow(),
                                Incident.OPEN, rule.targets(), null, now);
                    }
                }
            } else if (incidentId == null) {
                aboveSince = null;
            } else if (lastAbove != null && Duration.between(lastAbove, p.ts()).compareTo(resolveAfter) >= 0) {
                Incident incident = IncidentStore.find(c, incidentId).orElseThrow();
                IncidentStore.transition(c, incident, Incident.RESOLVED, AUTOMATIC, p.ts(),
                        "normal again for " + Duration.between(lastAbove, p.ts()).toSeconds() + " s");
                resolved++;
                if (!incident.silenced()) {
                    notifications += Outbox.enqueue(c, IncidentStore.find(c, incidentId).orElseThrow(),
                            Incident.RESOLVED, rule.targets(), null, now);
                }
                incidentId = null;
                aboveSince = null;
            }
        }
        saveState(c, series.id(), rule.id(), aboveSince, lastAbove);
        return new Summary(opened, resolved, notifications);
    }

    /** The id of a silence covering the series at the start or at the opening of the episode, or null. */
    private static Long silencing(List<Silence> silences, Series series, Instant started, Instant opened) {
        for (Silence s : silences) {
            if (s.silences(series, opened) || s.silences(series, started)) {
                return s.id();
            }
        }
        return null;
    }

    /** Forgets the current anomalous run (after an operator resolved its incident by hand). */
    public static void resetRun(Connection c, long seriesId, long ruleId) throws SQLException {
        saveState(c, seriesId, ruleId, null, null);
    }

    private static Instant[] loadState(Connection c, long seriesId, long ruleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT above_since, last_above_at FROM anomaly_rule_state"
                + " WHERE series_id = ? AND rule_id = ?")) {
            ps.setLong(1, seriesId);
            ps.setLong(2, ruleId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Instant[2];
                }
                Timestamp a = rs.getTimestamp(1);
                Timestamp l = rs.getTimestamp(2);
                return new Instant[] {a == null ? null : a.toInstant(), l == null ? null : l.toInstant()};
            }
        }
    }

    private static void saveState(Connection c, long seriesId, long ruleId, Instant aboveSince, Instant lastAbove)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_rule_state (series_id, rule_id,"
                + " above_since, last_above_at) VALUES (?, ?, ?, ?) ON CONFLICT (series_id, rule_id) DO UPDATE SET"
                + " above_since = excluded.above_since, last_above_at = excluded.last_above_at")) {
            ps.setLong(1, seriesId);
            ps.setLong(2, ruleId);
            ps.setTimestamp(3, aboveSince == null ? null : Timestamp.from(aboveSince));
            ps.setTimestamp(4, lastAbove == null ? null : Timestamp.from(lastAbove));
            ps.executeUpdate();
        }
    }
}

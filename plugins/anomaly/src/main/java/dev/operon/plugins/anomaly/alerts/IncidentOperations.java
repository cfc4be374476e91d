package dev.operon.plugins.anomaly.alerts;

import dev.operon.plugins.anomaly.AnomalyConfig;
import dev.operon.plugins.anomaly.metrics.Series;
import dev.operon.plugins.anomaly.metrics.SeriesStore;
import dev.operon.plugins.anomaly.scoring.CatalogueDetectors;
import dev.operon.plugins.anomaly.scoring.SeriesScorer;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Operations on incidents: list, lifecycle (acknowledge, resolve), feedback, history, notifications. */
public final class IncidentOperations {

    /**
     * @param state    only incidents in this state
     * @param seriesId only incidents of this series
     * @param limit    page size, 1 to 1000 (default 500)
     * @param offset   rows skipped (default 0)
     */
    public record ListInput(@Pattern(regexp = "open|acknowledged|resolved") String state, @Min(1) Long seriesId,
                            @Min(1) @Max(1000) Integer limit, @Min(0) Integer offset) {
    }

    /** One row of the incident list. */
    public record IncidentRow(long id, String state, String severity, long seriesId, String series, String rule,
                              Instant startedAt, Instant openedAt, Instant lastAnomalousAt, double peakScore,
                              int anomalousPoints, boolean silenced, String acknowledgedBy, Instant resolvedAt,
                              String resolvedBy, String feedback) {
    }

    /**
     * @param incidentId the incident
     * @param note       why, for the history
     */
    public record TransitionInput(@Min(1) long incidentId, @Size(max = 2000) String note) {
    }

    /**
     * @param incidentId the incident
     * @param verdict    {@code false_positive} (lowers the series' sensitivity) or {@code confirmed} (raises it)
     * @param note       what the operator saw
     */
    public record FeedbackInput(@Min(1) long incidentId,
                                @NotBlank @Pattern(regexp = "false_positive|confirmed") String verdict,
                                @Size(max = 2000) String note) {
    }

    /** What a feedback did. */
    public record FeedbackResult(long incidentId, long seriesId, String verdict, double sensitivityBefore,
                                 double sensitivityAfter) {
    }

    /** @param incidentId the incident */
    public record IdInput(@Min(1) long incidentId) {
    }

    /** An incident with its transitions and notifications. */
    public record History(IncidentRow incident, List<IncidentStore.Change> changes,
                          List<Notification> notifications) {
    }

    /**
     * @param incidentId only those of this incident
     * @param limit      most rows, 1 to 1000 (default 200)
     */
    public record NotificationsInput(@Min(1) Long incidentId, @Min(1) @Max(1000) Integer limit) {
    }

    /** How many incidents are in each state. */
    public record Counts(long open, long acknowledged, long resolved) {
    }

    /** No input. */
    public record NoInput() {
    }

    private IncidentOperations() {
    }

    public static List<Operation<?, ?>> all(SeriesScorer scorer, Clock clock) {
        return List.of(
                Operation.query("list-incidents", "Incidents", ListInput.class, List.class, IncidentOperations::list),
                Operation.query("incident-counts", "Incidents by state", NoInput.class, Counts.class,
                        (context, input) -> counts(context)),
                Operation.query("incident-history", "Incident history", IdInput.class, History.class,
                        IncidentOperations::history),
                Operation.query("list-notifications", "Alert notifications", NotificationsInput.class, List.class,
                        (context, input) -> context.data().inTransaction(c -> Outbox.list(c,
                                input.incidentId(), input.limit() == null ? 200 : input.limit()))),
                Operation.action("acknowledge-incident", "Acknowledge an incident", TransitionInput.class,
                        IncidentRow.class, (context, input) -> move(context, input, Incident.ACKNOWLEDGED, clock)),
                Operation.action("resolve-incident", "Resolve an incident", TransitionInput.class, IncidentRow.class,
                        (context, input) -> move(context, input, Incident.RESOLVED, clock)),
                Operation.action("incident-feedback", "Feedback on an incident", FeedbackInput.class,
                        FeedbackResult.class, (context, input) -> feedback(context, input, scorer)));
    }

    static List<IncidentRow> list(OperationContext context, ListInput input) throws SQLException {
        return context.data().inTransaction(c -> IncidentStore.list(c, input.state(), input.seriesId(),
                input.limit() == null ? 500 : input.limit(), input.offset() == null ? 0 : input.offset()))
                .stream().map(IncidentOperations::row).toList();
    }

    static Counts counts(OperationContext context) throws SQLException {
        return context.data().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE state = 'open'),"
                    + " count(*) FILTER (WHERE state = 'acknowledged'), count(*) FILTER (WHERE state = 'resolved')"
                    + " FROM anomaly_incident"); java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        });
    }

    static History history(OperationContext context, IdInput input) throws SQLException {
        return context.data().inTransaction(c -> {
            Incident incident = IncidentStore.find(c, input.incidentId())
                    .orElseThrow(() -> OperationException.notFound("no incident " + input.incidentId()));
            return new History(row(incident), IncidentStore.changes(c, incident.id()),
                    Outbox.list(c, incident.id(), 1000));
        });
    }

    /** Moves an incident along its lifecycle, records the change, queues the notifications and audits. */
    static IncidentRow move(OperationContext context, TransitionInput input, String to, Clock clock)
            throws SQLException {
        IncidentRow[] change = context.data().inTransaction(c -> {
            Incident incident = IncidentStore.lock(c, input.incidentId())
                    .orElseThrow(() -> OperationException.notFound("no incident " + input.incidentId()));
            boolean allowed = to.equals(Incident.ACKNOWLEDGED) ? incident.state().equals(Incident.OPEN)
                    : !incident.state().equals(Incident.RESOLVED);
            if (!allowed) {
                throw new OperationException(409, "incident " + incident.id() + " is " + incident.state()
                        + "; it cannot become " + to);
            }
            Instant now = clock.instant();
            IncidentStore.transition(c, incident, to, context.actor(), now, input.note());
            if (to.equals(Incident.RESOLVED)) {
                AlertEvaluator.resetRun(c, incident.seriesId(), incident.ruleId());
            }
            Incident after = IncidentStore.find(c, incident.id()).orElseThrow();
            if (!after.silenced()) {
                List<Target> targets = RuleStore.find(c, after.ruleId()).map(Rule::targets).orElse(List.of());
                Outbox.enqueue(c, after, to, targets, context.actor(), now);
            }
            return new IncidentRow[] {row(incident), row(after)};
        });
        context.audit(change[0], change[1]);
        return change[1];
    }

    /** Records a verdict (once per incident) and moves the series' sensitivity by the configured factor. */
    static FeedbackResult feedback(OperationContext context, FeedbackInput input, SeriesScorer scorer)
            throws SQLException {
        double factor = input.verdict().equals("false_positive")
                ? 1.0 / context.config().getDouble(AnomalyConfig.FALSE_POSITIVE_FACTOR)
                : context.config().getDouble(AnomalyConfig.CONFIRMED_FACTOR);
        FeedbackResult result = context.data().inTransaction(c -> {
            Incident incident = IncidentStore.lock(c, input.incidentId())
                    .orElseThrow(() -> OperationException.notFound("no incident " + input.incidentId()));
            if (incident.feedback() != null) {
                throw new OperationException(409, "incident " + incident.id() + " has feedback already ("
                        + incident.feedback() + ")");
            }
            Series series = SeriesStore.find(c, incident.seriesId()).orElseThrow();
            double after = CatalogueDetectors.clamp(series.sensitivity() * factor);
            SeriesStore.setSettings(c, series.id(), series.detector(), after);
            IncidentStore.setFeedback(c, incident.id(), input.verdict());
            record(c, incident, input, context.actor(), series.sensitivity(), after);
            return new FeedbackResult(incident.id(), series.id(), input.verdict(), series.sensitivity(), after);
        });
        scorer.forget(result.seriesId());
        context.audit(Map.of("sensitivity", result.sensitivityBefore()), result);
        return result;
    }

    private static void record(Connection c, Incident incident, FeedbackInput input, String actor, double before,
                               double after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_feedback (incident_id, series_id,"
                + " verdict, note, actor, sensitivity_before, sensitivity_after) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, incident.id());
            ps.setLong(2, incident.seriesId());
            ps.setString(3, input.verdict());
            ps.setString(4, input.note() == null ? "" : input.note());
            ps.setString(5, actor);
            ps.setDouble(6, before);
            ps.setDouble(7, after);
            ps.executeUpdate();
        }
    }

    static IncidentRow row(Incident i) {
        String labels = i.labels().isEmpty() ? "" : i.labels().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
        return new IncidentRow(i.id(), i.state(), i.severity(), i.seriesId(), i.seriesName() + labels, i.ruleName(),
                i.startedAt(), i.openedAt(), i.lastAnomalousAt(), i.peakScore(), i.anomalousPoints(), i.silenced(),
                i.acknowledgedBy(), i.resolvedAt(), i.resolvedBy(), i.feedback());
    }
}

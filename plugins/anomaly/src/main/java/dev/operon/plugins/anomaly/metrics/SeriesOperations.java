package dev.operon.plugins.anomaly.metrics;

import dev.operon.plugins.anomaly.AnomalyConfig;
import dev.operon.plugins.anomaly.scoring.CatalogueDetectors;
import dev.operon.plugins.anomaly.scoring.SeriesScorer;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.operation.OperationException.FieldError;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Operations on series: list, chart, detector settings, event-derived definitions. */
public final class SeriesOperations {

    /** @param name only series of this metric name, when set */
    public record ListInput(@Size(max = 200) String name) {
    }

    /** One row of the series list. */
    public record SeriesRow(long id, String name, String labels, String source, String detector, double sensitivity,
                            long points, Instant scoredUntil, long activeIncidents, String derivedFrom) {
    }

    /**
     * @param seriesId the series; when absent, the series of the newest incident (else the first series)
     * @param from     first time shown (default: the newest {@code limit} points)
     * @param to       first time not shown
     * @param limit    most points, 1 to 10000 (default 1000)
     */
    public record ChartInput(@Min(1) Long seriesId, Instant from, Instant to, @Min(1) @Max(10000) Integer limit) {
    }

    /**
     * One point of a chart: value and score; {@code incident} is 1 while an incident of the series was active (0
     * otherwise) and {@code incidentValue} the value during an incident (null otherwise), to draw incidents over the
     * values.
     */
    public record ChartRow(Instant time, double value, Double score, int incident, Double incidentValue) {
    }

    /**
     * @param seriesId    the series
     * @param detector    a detector name (see {@code detectors}), or absent to keep it
     * @param sensitivity 1 neutral; higher reports more points as anomalous, lower fewer (0.01 to 100)
     */
    public record SettingsInput(@Min(1) long seriesId, @Size(max = 100) String detector, Double sensitivity) {
    }

    /** A series' settings before or after a change. */
    public record Settings(long seriesId, String detector, double sensitivity) {
    }

    /**
     * @param name      metric name of the new series
     * @param labels    its labels
     * @param eventName events (track) or pages/screens of this name
     * @param measure   {@code count}, {@code unique_users} or {@code sum}
     * @param property  for {@code sum}: the numeric property summed
     * @param bucket    {@code minute} or {@code hour}
     * @param filters   property equals value (compared as text), all of them
     */
    public record DeriveInput(@NotBlank @Size(max = 200) String name, Map<String, String> labels,
                              @NotBlank @Size(max = 200) String eventName,
                              @NotBlank @Pattern(regexp = "count|unique_users|sum") String measure,
                              @Size(max = 200) String property,
                              @NotBlank @Pattern(regexp = "minute|hour") String bucket,
                              Map<String, String> filters) {
    }

    /** The detectors a series may use, the default first. */
    public record DetectorList(List<String> detectors, String defaultDetector) {
    }

    /** No input. */
    public record NoInput() {
    }

    private SeriesOperations() {
    }

    public static List<Operation<?, ?>> all(SeriesScorer scorer, Clock clock) {
        return List.of(
                Operation.query("list-series", "Series", ListInput.class, List.class, SeriesOperations::list),
                Operation.query("series-chart", "Series chart", ChartInput.class, List.class, SeriesOperations::chart),
                Operation.query("detectors", "Detectors", NoInput.class, DetectorList.class, (context, input) ->
                        new DetectorList(scorer.detectors().names(),
                                context.config().require(AnomalyConfig.DEFAULT_DETECTOR))),
                Operation.action("series-settings", "Detector settings of a series", SettingsInput.class,
                        Settings.class,
                        (context, input) -> settings(context, input, scorer)),
                Operation.action("define-derived-series", "Derive a series from events", DeriveInput.class,
                        SeriesRow.class, (context, input) -> derive(context, input, clock)));
    }

    static List<SeriesRow> list(OperationContext context, ListInput input) throws SQLException {
        return context.data().inTransaction(c -> {
            List<SeriesRow> rows = new ArrayList<>();
            for (Series s : SeriesStore.all(c)) {
                if (input.name() == null || input.name().equals(s.name())) {
                    rows.add(row(c, s));
                }
            }
            return rows;
        });
    }

    private static SeriesRow row(Connection c, Series s) throws SQLException {
        long active;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM anomaly_incident WHERE series_id = ? AND state <> 'resolved'")) {
            ps.setLong(1, s.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                active = rs.getLong(1);
            }
        }
        String derived = DerivationStore.find(c, s.id()).map(d -> d.measure() + " of " + d.eventName() + " per "
                + d.bucket() + (d.property() == null ? "" : " (" + d.property() + ")")).orElse(null);
        return new SeriesRow(s.id(), s.name(), labelText(s.labels()), s.source(), s.detector(), s.sensitivity(),
                PointStore.count(c, s.id()), s.scoredUntil(), active, derived);
    }

    static String labelText(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    static List<ChartRow> chart(OperationContext context, ChartInput input) throws SQLException {
        int limit = input.limit() == null ? 1000 : input.limit();
        return context.data().inTransaction(c -> {
            Long id = input.seriesId() != null ? input.seriesId() : defaultSeries(c);
            if (id == null) {
                return List.of();
            }
            if (SeriesStore.find(c, id).isEmpty()) {
                throw OperationException.notFound("no series " + id);
            }
            List<Point> points;
            if (input.from() == null && input.to() == null) {
                points = PointStore.newest(c, id, limit);
            } else {
                Instant from = input.from() == null ? Instant.EPOCH : input.from();
                Instant to = input.to() == null ? Instant.parse("9999-12-31T00:00:00Z") : input.to();
                points = PointStore.between(c, id, from, to, limit);
            }
            List<Instant[]> incidents = incidentSpans(c, id);
            List<ChartRow> rows = new ArrayList<>(points.size());
            for (Point p : points) {
                boolean inside = incidents.stream().anyMatch(span -> !p.ts().isBefore(span[0])
                        && (span[1] == null || !p.ts().isAfter(span[1])));
                rows.add(new ChartRow(p.ts(), p.value(), p.score(), inside ? 1 : 0, inside ? p.value() : null));
            }
            return rows;
        });
    }

    private static Long defaultSeries(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT series_id FROM anomaly_incident"
                + " ORDER BY opened_at DESC, id DESC LIMIT 1"); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return rs.getLong(1);
            }
        }
        List<Long> ids = SeriesStore.ids(c);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** [started, resolved or null] of each incident of the series. */
    private static List<Instant[]> incidentSpans(Connection c, long seriesId) throws SQLException {
        List<Instant[]> spans = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT started_at, coalesce(resolved_at, CASE WHEN"
                + " state = 'resolved' THEN last_anomalous_at END) FROM anomaly_incident WHERE series_id = ?")) {
            ps.setLong(1, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp end = rs.getTimestamp(2);
                    spans.add(new Instant[] {rs.getTimestamp(1).toInstant(), end == null ? null : end.toInstant()});
                }
            }
        }
        return spans;
    }

    static Settings settings(OperationContext context, SettingsInput input, SeriesScorer scorer) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        if (input.detector() != null && !scorer.detectors().names().contains(input.detector())) {
            errors.add(new FieldError("detector", "unknown detector; known: "
                    + String.join(", ", scorer.detectors().names())));
        }
        if (input.sensitivity() != null && (!Double.isFinite(input.sensitivity())
                || CatalogueDetectors.clamp(input.sensitivity()) != input.sensitivity())) {
            errors.add(new FieldError("sensitivity", "must be between 0.01 and 100"));
        }
        if (!errors.isEmpty()) {
            throw OperationException.invalid(errors);
        }
        Settings[] change = context.data().inTransaction(c -> {
            Series s = SeriesStore.find(c, input.seriesId())
                    .orElseThrow(() -> OperationException.notFound("no series " + input.seriesId()));
            Settings before = new Settings(s.id(), s.detector(), s.sensitivity());
            Settings after = new Settings(s.id(), input.detector() != null ? input.detector() : s.detector(),
                    input.sensitivity() != null ? input.sensitivity() : s.sensitivity());
            SeriesStore.setSettings(c, s.id(), after.detector(), after.sensitivity());
            return new Settings[] {before, after};
        });
        scorer.forget(input.seriesId());
        context.audit(change[0], change[1]);
        return change[1];
    }

    static SeriesRow derive(OperationContext context, DeriveInput input, Clock clock) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        if (!PushPoints.NAME.matcher(input.name()).matches()) {
            errors.add(new FieldError("name", "must match " + PushPoints.NAME.pattern()));
        }
        String labels = Labels.problem(input.labels());
        if (labels != null) {
            errors.add(new FieldError("labels", labels));
        }
        String filters = Labels.problem(input.filters());
        if (filters != null) {
            errors.add(new FieldError("filters", filters));
        }
        if (input.measure().equals("sum") && (input.property() == null || input.property().isBlank())) {
            errors.add(new FieldError("property", "the summed property is required for measure sum"));
        }
        if (!errors.isEmpty()) {
            throw OperationException.invalid(errors);
        }
        Duration backfill = context.config().getDuration(AnomalyConfig.DERIVE_BACKFILL);
        SeriesRow created = context.data().inTransaction(c -> {
            Map<String, String> sortedLabels = Labels.sorted(input.labels());
            Optional<Series> existing = SeriesStore.all(c).stream().filter(s -> s.name().equals(input.name())
                    && s.labels().equals(sortedLabels)).findFirst();
            if (existing.isPresent()) {
                throw new OperationException(409, "series " + input.name() + labelText(sortedLabels)
                        + " exists already (id " + existing.get().id() + ")");
            }
            long id = SeriesStore.ensure(c, input.name(), sortedLabels, "derived");
            Derivation d = new Derivation(id, input.eventName(), input.measure(),
                    input.measure().equals("sum") ? input.property() : null, input.bucket(),
                    Labels.sorted(input.filters()), Instant.EPOCH);
            DerivationStore.create(c, new Derivation(id, d.eventName(), d.measure(), d.property(), d.bucket(),
                    d.filters(), d.floor(clock.instant().minus(backfill))));
            return row(c, SeriesStore.find(c, id).orElseThrow());
        });
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("series", created.id());
        after.put("definition", created.derivedFrom());
        context.audit(null, after);
        return created;
    }
}

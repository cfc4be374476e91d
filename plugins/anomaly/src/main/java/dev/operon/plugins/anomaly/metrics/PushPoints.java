package dev.operon.plugins.anomaly.metrics;

import dev.operon.plugins.anomaly.AnomalyConfig;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.operation.OperationException.FieldError;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code push-points}: stores a batch of points of a metric, what {@code POST /api/v1/metrics/{name}/points}
 * delegates to. The whole batch is checked first and written in one transaction: a bad point refuses the batch
 * (422 naming each bad point) and nothing of it is stored. A point at a time its series already has is ignored and
 * counted as a duplicate (the stored one may be scored already).
 */
public final class PushPoints {

    /** Metric names: letters, digits, {@code _ : . -}, starting with a letter, {@code _} or {@code :}. */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:.-]{0,199}");
    /** Points may be at most this far in the future (clock skew). */
    static final Duration FUTURE = Duration.ofDays(1);

    /**
     * @param name   metric name
     * @param labels labels of every point of the batch
     * @param points the points
     */
    public record Input(String name, Map<String, String> labels, List<PointInput> points) {
    }

    /**
     * @param timestamp ISO-8601 time or epoch seconds
     * @param value     a finite number
     * @param labels    labels of this point, added to (and overriding) the batch's
     */
    public record PointInput(@NotNull Instant timestamp, @NotNull Double value, Map<String, String> labels) {
    }

    /**
     * @param received   points in the batch
     * @param accepted   points stored
     * @param duplicates points ignored because their series already had a point at that time
     * @param series     ids of the series the batch wrote to
     */
    public record Result(int received, int accepted, int duplicates, List<Long> series) {
    }

    private PushPoints() {
    }

    public static Operation<Input, Result> operation(Clock clock) {
        return Operation.action("push-points", "Push metric points", Input.class, Result.class,
                (context, input) -> push(context, input, clock));
    }

    static Result push(OperationContext context, Input input, Clock clock) throws Exception {
        int max = context.config().getInt(AnomalyConfig.MAX_POINTS_PER_REQUEST);
        Map<String, Map<String, String>> labelsOfSeries = new LinkedHashMap<>();
        Map<String, List<Point>> pointsOfSeries = new LinkedHashMap<>();
        List<FieldError> errors = check(input, max, clock.instant(), labelsOfSeries, pointsOfSeries);
        if (!errors.isEmpty()) {
            throw OperationException.invalid(errors.size() > 20 ? errors.subList(0, 20) : errors);
        }
        List<Instant> times = pointsOfSeries.values().stream().flatMap(List::stream).map(Point::ts).toList();
        Result result = context.data().inTransaction(c -> {
            Partitions.ensure(c, times);
            int accepted = 0;
            List<Long> ids = new ArrayList<>();
            for (Map.Entry<String, List<Point>> e : pointsOfSeries.entrySet()) {
                long id = SeriesStore.ensure(c, input.name(), labelsOfSeries.get(e.getKey()), "pushed");
                ids.add(id);
                accepted += PointStore.insert(c, id, e.getValue());
            }
            return new Result(times.size(), accepted, times.size() - accepted, ids);
        });
        context.audit(null, Map.of("metric", input.name(), "received", result.received(), "accepted",
                result.accepted(), "duplicates", result.duplicates(), "series", result.series()));
        return result;
    }

    /** Every problem of the batch; fills the points grouped by series (label key) when there is none. */
    static List<FieldError> check(Input input, int max, Instant now, Map<String, Map<String, String>> labelsOfSeries,
                                  Map<String, List<Point>> pointsOfSeries) {
        List<FieldError> errors = new ArrayList<>();
        if (input.name() == null || !NAME.matcher(input.name()).matches()) {
            errors.add(new FieldError("name", "must match " + NAME.pattern()));
        }
        String batchLabels = Labels.problem(input.labels());
        if (batchLabels != null) {
            errors.add(new FieldError("labels", batchLabels));
        }
        if (input.points() == null || input.points().isEmpty()) {
            errors.add(new FieldError("points", "at least one point is needed"));
            return errors;
        }
        if (input.points().size() > max) {
            errors.add(new FieldError("points", "at most " + max + " points per request, got "
                    + input.points().size()));
            return errors;
        }
        for (int i = 0; i < input.points().size(); i++) {
            PointInput p = input.points().get(i);
            String at = "points[" + i + "]";
            if (p == null) {
                errors.add(new FieldError(at, "must be an object with timestamp and value"));
                continue;
            }
            if (p.timestamp() == null) {
                errors.add(new FieldError(at + ".timestamp", "is required (ISO-8601 or epoch seconds)"));
            } else if (p.timestamp().isBefore(Instant.EPOCH) || p.timestamp().isAfter(now.plus(FUTURE))) {
                errors.add(new FieldError(at + ".timestamp", "must be after 1970 and at most one day ahead of now"));
            }
            if (p.value() == null || !Double.isFinite(p.value())) {
                errors.add(new FieldError(at + ".value", "must be a finite number"));
            }
            String pointLabels = Labels.problem(p.labels());
            if (pointLabels != null) {
                errors.add(new FieldError(at + ".labels", pointLabels));
            }
            Map<String, String> labels = new TreeMap<>(Labels.sorted(input.labels()));
            if (p.labels() != null && pointLabels == null) {
                labels.putAll(p.labels());
            }
            if (labels.size() > Labels.MAX_LABELS) {
                errors.add(new FieldError(at + ".labels", "at most " + Labels.MAX_LABELS + " labels in all"));
            }
            if (errors.isEmpty()) {
                String key = Labels.key(labels);
                labelsOfSeries.putIfAbsent(key, labels);
                pointsOfSeries.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Point(p.timestamp(), p.value(), null));
            }
        }
        return errors;
    }
}

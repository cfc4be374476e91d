package dev.operon.plugins.anomaly.scoring;

import dev.operon.plugins.anomaly.alerts.AlertEvaluator;
import dev.operon.plugins.anomaly.alerts.Rule;
import dev.operon.plugins.anomaly.alerts.RuleStore;
import dev.operon.plugins.anomaly.alerts.Silence;
import dev.operon.plugins.anomaly.alerts.SilenceStore;
import dev.operon.plugins.anomaly.metrics.Point;
import dev.operon.plugins.anomaly.metrics.PointStore;
import dev.operon.plugins.anomaly.metrics.Series;
import dev.operon.plugins.anomaly.metrics.SeriesStore;
import dev.operon.sdk.data.PluginData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Scores the new points of every series online, each with its own detector, and evaluates the alert rules on them,
 * one transaction per series batch (scores, the series' scored-until mark, incidents and queued notifications commit
 * together).
 *
 * <p>Points are new when they are later than the series' scored-until mark; a point pushed later with an earlier
 * time is stored but never scored (it would have to be scored before points already scored). Scores are written
 * once and never changed. Detectors stay warm in memory between runs on this node; when none is (a restart, another
 * node scored last, changed settings) a fresh one is fed the last {@code replayPoints} stored points first, without
 * storing their scores, so it continues where the series stands.
 */
public final class SeriesScorer {

    private final DetectorFactory detectors;
    private final Map<Long, Warm> warm = new ConcurrentHashMap<>();

    public SeriesScorer(DetectorFactory detectors) {
        this.detectors = detectors;
    }

    public DetectorFactory detectors() {
        return detectors;
    }

    /** What a pass scored and raised. */
    public record Result(int series, long points, int opened, int resolved, int notifications, List<String> warnings) {
    }

    private record Warm(DetectorFactory.Scorer scorer, Instant scoredUntil, String settings) {
    }

    private record Batch(int points, AlertEvaluator.Summary alerts, Warm warm) {
    }

    /** Scores every series until no new points are left or {@code cancelled}. */
    public Result scoreAll(PluginData data, Clock clock, String defaultDetector, int replayPoints, int batchSize,
                           BooleanSupplier cancelled) throws SQLException {
        List<Long> ids = data.inTransaction(SeriesStore::withNewPoints);
        int seriesScored = 0;
        long points = 0;
        AlertEvaluator.Summary alerts = new AlertEvaluator.Summary(0, 0, 0);
        List<String> warnings = new ArrayList<>();
        for (long id : ids) {
            boolean any = false;
            while (!cancelled.getAsBoolean()) {
                Batch batch;
                try {
                    batch = data.inTransaction(c -> {
                        Optional<Series> locked = SeriesStore.lockIfFree(c, id);
                        if (locked.isEmpty()) {
                            return null;
                        }
                        Series series = locked.get();
                        List<Point> fresh = PointStore.after(c, id, series.scoredUntil(), batchSize);
                        if (fresh.isEmpty()) {
                            return null;
                        }
                        Warm detector = warmFor(c, series, defaultDetector, replayPoints, warnings);
                        List<Point> scored = new ArrayList<>(fresh.size());
                        for (Point p : fresh) {
                            scored.add(new Point(p.ts(), p.value(), likelihood(detector.scorer(), p)));
                        }
                        Instant until = scored.get(scored.size() - 1).ts();
                        PointStore.score(c, id, scored);
                        SeriesStore.setScoredUntil(c, id, until);
                        List<Rule> rules = RuleStore.enabled(c);
                        List<Silence> silences = SilenceStore.all(c);
                        AlertEvaluator.Summary summary = AlertEvaluator.evaluate(c, series, rules, silences, scored,
                                clock.instant());
                        return new Batch(scored.size(), summary, new Warm(detector.scorer(), until,
                                detector.settings()));
                    });
                } catch (SQLException | RuntimeException e) {
                    warm.remove(id);
                    throw e;
                }
                if (batch == null) {
                    break;
                }
                warm.put(id, batch.warm());
                any = true;
                points += batch.points();
                alerts = alerts.plus(batch.alerts());
                if (batch.points() < batchSize) {
                    break;
                }
            }
            if (any) {
                seriesScored++;
            }
        }
        return new Result(seriesScored, points, alerts.opened(), alerts.resolved(), alerts.notifications(),
                List.copyOf(warnings));
    }

    /** Forgets this node's warm detector of a series (its settings changed). */
    public void forget(long seriesId) {
        warm.remove(seriesId);
    }

    private Warm warmFor(java.sql.Connection c, Series series, String defaultDetector, int replayPoints,
                         List<String> warnings) throws SQLException {
        String fallback = detectors.names().contains(defaultDetector) ? defaultDetector : detectors.defaultName();
        String name = series.detector() == null ? fallback : series.detector();
        if (!detectors.names().contains(name)) {
            warnings.add("series " + series.id() + " names unknown detector '" + name + "'; scored with " + fallback);
            name = fallback;
        }
        String settings = name + "|" + series.sensitivity();
        Warm current = warm.get(series.id());
        if (current != null && current.settings().equals(settings) && series.scoredUntil() != null
                && series.scoredUntil().equals(current.scoredUntil())) {
            return current;
        }
        DetectorFactory.Scorer scorer = detectors.create(name, series.sensitivity());
        if (series.scoredUntil() != null && replayPoints > 0) {
            for (Point p : PointStore.lastUpTo(c, series.id(), series.scoredUntil(), replayPoints)) {
                scorer.score(p.ts().toEpochMilli(), p.value());
            }
        }
        return new Warm(scorer, series.scoredUntil(), settings);
    }

    private static double likelihood(DetectorFactory.Scorer scorer, Point p) {
        double s = scorer.score(p.ts().toEpochMilli(), p.value());
        if (Double.isNaN(s)) {
            return 0;
        }
        return Math.max(0, Math.min(1, s));
    }
}

package dev.operon.plugins.anomaly.alerts;

import dev.operon.plugins.anomaly.metrics.Labels;
import dev.operon.plugins.anomaly.metrics.Series;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A silence or maintenance window: incidents of matching series that open while it is active are recorded but nobody
 * is told. One-off ({@code startsAt} to {@code endsAt}) or recurring ({@code cron} opening a window of
 * {@code durationSeconds} in {@code timeZone}, optionally only between {@code startsAt} and {@code endsAt}).
 */
public record Silence(long id, String kind, String seriesName, Map<String, String> labelMatch, Instant startsAt,
                      Instant endsAt, String cron, Integer durationSeconds, String timeZone, String comment,
                      String createdBy) {

    /** Whether it silences {@code series} at {@code at}. */
    public boolean silences(Series series, Instant at) {
        if (seriesName != null && !seriesName.equals(series.name())) {
            return false;
        }
        if (!Labels.matches(series.labels(), labelMatch)) {
            return false;
        }
        return activeAt(at);
    }

    /** Whether it is active at {@code at}, whatever the series. */
    public boolean activeAt(Instant at) {
        if (startsAt != null && at.isBefore(startsAt)) {
            return false;
        }
        if (endsAt != null && !at.isBefore(endsAt)) {
            return false;
        }
        if (cron == null) {
            return true;
        }
        return CronSchedule.parse(cron).inWindow(at, Duration.ofSeconds(durationSeconds), ZoneId.of(timeZone));
    }
}

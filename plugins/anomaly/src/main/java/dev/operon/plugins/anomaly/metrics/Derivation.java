package dev.operon.plugins.anomaly.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How a series is derived from events: per minute or hour bucket, the count of matching events, the number of
 * distinct users behind them, or the sum of one numeric property. Events match by name and by property values
 * (every filter must equal the property's value as text).
 *
 * @param seriesId      the derived series
 * @param eventName     the event (track) or page/screen name
 * @param measure       {@code count}, {@code unique_users} or {@code sum}
 * @param property      the summed property, for {@code sum}
 * @param bucket        {@code minute} or {@code hour}
 * @param filters       property equals value, all of them
 * @param computedUntil buckets before this are final and stored
 */
public record Derivation(long seriesId, String eventName, String measure, String property, String bucket,
                         Map<String, String> filters, Instant computedUntil) {

    public Duration bucketLength() {
        return bucket.equals("hour") ? Duration.ofHours(1) : Duration.ofMinutes(1);
    }

    /** The start of the bucket holding {@code at}. */
    public Instant floor(Instant at) {
        long size = bucketLength().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }
}

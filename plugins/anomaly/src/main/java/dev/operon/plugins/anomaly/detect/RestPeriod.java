package dev.operon.plugins.anomaly.detect;

/**
 * The post-processing of CAD OSE: after a point whose raw score reached {@code alarm}, the detector rests for
 * {@code rest} points (they score 0) while it keeps learning, so one anomalous stretch is reported once, at its start,
 * instead of as a run of alarms.
 */
final class RestPeriod implements SeriesDetector {

    private final SeriesDetector inner;
    private final int rest;
    private final double alarm;
    private int sinceAlarm = Integer.MAX_VALUE;

    RestPeriod(SeriesDetector inner, int rest, double alarm) {
        this.inner = inner;
        this.rest = rest;
        this.alarm = alarm;
    }

    @Override
    public double score(long timestampMillis, double value) {
        double raw = inner.score(timestampMillis, value);
        if (Double.isNaN(value)) {
            return 0.0;
        }
        boolean resting = sinceAlarm < rest;
        if (raw >= alarm) {
            sinceAlarm = 0;
        } else if (sinceAlarm < Integer.MAX_VALUE) {
            sinceAlarm++;
        }
        return resting ? 0.0 : raw;
    }
}

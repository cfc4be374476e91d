package dev.operon.plugins.anomaly.detect;

/**
 * The series' typical sampling interval: the median of the first {@code sample} positive gaps between points, fixed
 * once known, so irregular series get a stable notion of "one step".
 */
final class SamplingInterval {

    private final SlidingMedian gaps;
    private final int sample;
    private long last = Long.MIN_VALUE;
    private long interval;

    SamplingInterval(int sample) {
        this.sample = sample;
        this.gaps = new SlidingMedian(sample);
    }

    void observe(long time) {
        if (interval == 0 && last != Long.MIN_VALUE && time > last) {
            gaps.add(time - last);
            if (gaps.size() == sample) {
                interval = Math.max(1L, (long) gaps.median());
            }
        }
        last = Math.max(last, time);
    }

    /** The interval in milliseconds, or 0 while unknown. */
    long millis() {
        return interval;
    }
}

package dev.operon.plugins.behaviour.segments.rules;

/**
 * What was counted for one {@link EventMeasure} and one profile: how many matching events fell inside the measure's
 * window, and the times (epoch milliseconds) of the earliest and the latest of them. Not thread-safe.
 */
public final class MeasureStats {

    /** Stats of a profile without any matching event. */
    public static final MeasureStats NONE = new MeasureStats();

    private long count;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    /** Adds one matching event at {@code millis}. */
    public void add(long millis) {
        count++;
        first = Math.min(first, millis);
        last = Math.max(last, millis);
    }

    public long count() {
        return count;
    }

    /** Time of the earliest matching event in the window; meaningless when {@link #count()} is 0. */
    public long first() {
        return first;
    }

    /** Time of the latest matching event in the window; meaningless when {@link #count()} is 0. */
    public long last() {
        return last;
    }
}

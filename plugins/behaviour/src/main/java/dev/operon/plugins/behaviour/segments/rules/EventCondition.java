package dev.operon.plugins.behaviour.segments.rules;

import dev.operon.sdk.profiles.WindowCounts;

/**
 * {@code {"event": "Order Completed", "count": {"gte": 3}, "within": "P30D"}}, with optional property filters and
 * first or last occurrence tests. Counts come from the scanned {@link EventMeasure} or, when {@link #featureWindow}
 * is set, from the profile's computed 7/30/90-day counts.
 *
 * @param counted       the measure the count is taken from (null when the condition has no count)
 * @param count         the count test, null when absent
 * @param featureWindow 7, 30 or 90 to read the count from the profile's features instead of scanning; 0 to scan
 * @param seen          the measure for first/last tests (all time), null when absent
 * @param firstSeen     test of the time of the first matching event, null when absent
 * @param lastSeen      test of the time of the last matching event, null when absent
 */
record EventCondition(EventMeasure counted, NumberTest count, int featureWindow, EventMeasure seen,
                      SeenTest firstSeen, SeenTest lastSeen) implements Condition {

    /**
     * A test of when something happened relative to now: {@code within} (at most that long ago) or {@code before}
     * (longer ago than that). A profile without such an event fails both.
     */
    record SeenTest(boolean within, long millis) {
        boolean test(long at, Facts facts) {
            long boundary = at + millis;
            facts.changesAt(boundary + 1);
            return within ? facts.now() <= boundary : facts.now() > boundary;
        }
    }

    @Override
    public boolean test(Facts facts) {
        if (count != null) {
            long n;
            if (featureWindow > 0) {
                WindowCounts counts = facts.profile().features().counts(counted.event());
                n = featureWindow == 7 ? counts.last7Days() : featureWindow == 30 ? counts.last30Days()
                        : counts.last90Days();
            } else {
                MeasureStats stats = facts.stats(counted);
                n = stats.count();
                if (n > 0 && counted.window() != null) {
                    // the count drops when the oldest counted event leaves the window
                    facts.changesAt(stats.first() + counted.window().toMillis() + 1);
                }
            }
            if (!count.test(n)) {
                return false;
            }
        }
        if (firstSeen != null || lastSeen != null) {
            MeasureStats stats = facts.stats(seen);
            if (stats.count() == 0) {
                return false;
            }
            if (firstSeen != null && !firstSeen.test(stats.first(), facts)) {
                return false;
            }
            return lastSeen == null || lastSeen.test(stats.last(), facts);
        }
        return true;
    }
}

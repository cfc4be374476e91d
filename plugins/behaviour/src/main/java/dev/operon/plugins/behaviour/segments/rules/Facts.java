package dev.operon.plugins.behaviour.segments.rules;

import dev.operon.sdk.profiles.Profile;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything rules are evaluated against for one profile at one moment: the profile (traits, features), the
 * counted event measures, and the memberships decided so far in the same pass. It also collects the earliest future
 * moment at which a condition's answer changes without any new data ({@link #nextChange()}). Not thread-safe: one per
 * profile and evaluation.
 */
public final class Facts {

    static final long DAY_MILLIS = 86_400_000L;

    private final Profile profile;
    private final long now;
    private final Function<EventMeasure, MeasureStats> measures;
    private final Map<Long, Boolean> memberships = new HashMap<>();
    private long nextChange = Long.MAX_VALUE;

    /**
     * @param profile  the profile
     * @param now      the evaluation time, epoch milliseconds
     * @param measures the profile's counted measures ({@link MeasureStats#NONE} for those without events)
     */
    public Facts(Profile profile, long now, Function<EventMeasure, MeasureStats> measures) {
        this.profile = profile;
        this.now = now;
        this.measures = measures;
    }

    public Profile profile() {
        return profile;
    }

    public long now() {
        return now;
    }

    MeasureStats stats(EventMeasure measure) {
        MeasureStats stats = measures.apply(measure);
        return stats == null ? MeasureStats.NONE : stats;
    }

    /** Records the profile's membership of a segment, for rules that refer to that segment. */
    public void member(long segmentId, boolean member) {
        memberships.put(segmentId, member);
    }

    boolean inSegment(long segmentId) {
        return Boolean.TRUE.equals(memberships.get(segmentId));
    }

    /** Notes that some answer changes at {@code millis} (ignored unless it lies in the future). */
    void changesAt(long millis) {
        if (millis > now && millis < nextChange) {
            nextChange = millis;
        }
    }

    /** The earliest future moment an answer changes by time alone, or {@link Long#MAX_VALUE} for never. */
    public long nextChange() {
        return nextChange;
    }
}

package dev.operon.plugins.behaviour.churn;

import dev.operon.plugins.behaviour.segments.SegmentEvents;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The profile features the churn model reads, computed from events before a cutoff, the way the platform computes
 * {@link dev.operon.sdk.profiles.ProfileFeatures} (first and last seen, events, sessions split by 30 minutes of
 * inactivity, counts in the last 7, 30 and 90 days overall and per event name, frequency, monetary value and recency
 * of revenue events), plus the profile's scalar traits. Computing them "as of" a cutoff, for training and scoring
 * alike, is what makes a time-based holdout honest: nothing after the cutoff leaks into the features.
 *
 * <p>Columns: {@code events}, {@code sessions}, {@code days_since_first_seen}, {@code days_since_last_seen},
 * {@code count_7d}, {@code count_30d}, {@code count_90d}, {@code count_<window>.<event name>} for the most frequent
 * event names, {@code frequency}, {@code monetary}, {@code recency_days} (blank without revenue) and
 * {@code trait.<name>} for the scalar traits asked for. Traits are today's values, not the cutoff's (the SDK keeps no
 * trait history), which is why training reads only the traits an admin lists ({@link ChurnConfig#TRAITS}): a trait
 * set when a user leaves, or an identifier such as a name, would leak the label or let the model memorise users.
 * Count columns a row lacks are 0 ({@link #isCount}). The plugin's own segment events
 * ({@link SegmentEvents}) are no activity: a user who left is not kept "active" by entering a lapsing segment.
 */
public final class ActivitySnapshot {

    static final Duration SESSION_GAP = Duration.ofMinutes(30);
    static final String COUNT_PREFIX = "count_";
    private static final int[] WINDOWS = {7, 30, 90};

    private final Instant cutoff;
    private final Map<Long, Activity> byProfile = new HashMap<>();

    private ActivitySnapshot(Instant cutoff) {
        this.cutoff = cutoff;
    }

    /** True for the count columns, which are 0 when a row lacks them. */
    public static boolean isCount(String column) {
        return column.startsWith(COUNT_PREFIX);
    }

    /**
     * Reads the events in {@code [cutoff - lookback, cutoff)} once.
     *
     * @param revenueProperty the property whose numeric value makes an event a purchase
     */
    public static ActivitySnapshot of(Events events, Instant cutoff, Duration lookback, String revenueProperty) {
        ActivitySnapshot snapshot = new ActivitySnapshot(cutoff);
        events.forEach(EventQuery.all().between(cutoff.minus(lookback), cutoff), e -> {
            if (e.profileId() != null && !SegmentEvents.isOwn(e)) {
                snapshot.byProfile.computeIfAbsent(e.profileId(), k -> new Activity()).add(e, cutoff,
                        revenueProperty);
            }
        });
        return snapshot;
    }

    /** The profiles with at least one event in the window. */
    public Set<Long> activeProfiles() {
        return byProfile.keySet();
    }

    /** The {@code limit} event names seen most often in the window, most frequent first. */
    public List<String> topEventNames(int limit) {
        Map<String, Long> totals = new HashMap<>();
        for (Activity a : byProfile.values()) {
            a.byName.forEach((name, counts) -> totals.merge(name, counts[2], Long::sum));
        }
        return totals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    /** The ids of the profiles with any event in {@code [from, to)}. */
    public static Set<Long> activeBetween(Events events, Instant from, Instant to) {
        Set<Long> out = new HashSet<>();
        events.forEach(EventQuery.all().between(from, to), e -> {
            if (e.profileId() != null && !SegmentEvents.isOwn(e)) {
                out.add(e.profileId());
            }
        });
        return out;
    }

    /**
     * One profile's feature row; {@code eventNames} get count columns (0 when it never did them); null means the
     * names this profile did (enough for scoring: absent count columns are 0). {@code traits} are the traits that
     * become columns; null means every scalar trait (scoring: the model reads only the columns it was trained on).
     */
    public Map<String, String> features(Profile profile, List<String> eventNames, Set<String> traits) {
        Map<String, String> out = new LinkedHashMap<>();
        Activity a = byProfile.getOrDefault(profile.id(), new Activity());
        if (eventNames == null) {
            eventNames = List.copyOf(a.byName.keySet());
        }
        out.put("events", Long.toString(a.events));
        out.put("sessions", Long.toString(a.sessions));
        out.put("days_since_first_seen", a.first == null ? "" : days(a.first));
        out.put("days_since_last_seen", a.last == null ? "" : days(a.last));
        for (int w = 0; w < WINDOWS.length; w++) {
            out.put(COUNT_PREFIX + WINDOWS[w] + "d", Long.toString(a.total[w]));
        }
        for (String name : eventNames) {
            long[] counts = a.byName.getOrDefault(name, new long[3]);
            for (int w = 0; w < WINDOWS.length; w++) {
                out.put(COUNT_PREFIX + WINDOWS[w] + "d." + name, Long.toString(counts[w]));
            }
        }
        out.put("frequency", Long.toString(a.purchases));
        out.put("monetary", Double.toString(a.monetary));
        out.put("recency_days", a.lastPurchase == null ? "" : days(a.lastPurchase));
        List<String> names = new ArrayList<>(profile.traits().keySet());
        names.sort(Comparator.naturalOrder());
        for (String trait : names) {
            Object value = profile.traits().get(trait);
            if (traits != null && !traits.contains(trait)) {
                continue;
            }
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                out.put("trait." + trait, value.toString());
            }
        }
        return out;
    }

    private String days(Instant at) {
        return Double.toString(Duration.between(at, cutoff).toMinutes() / 1440.0);
    }

    /** One profile's events before the cutoff, folded. */
    private static final class Activity {
        long events;
        long sessions;
        Instant first;
        Instant last;
        final long[] total = new long[3];
        final Map<String, long[]> byName = new HashMap<>();
        long purchases;
        double monetary;
        Instant lastPurchase;
        private final List<Instant> times = new ArrayList<>();

        void add(Event e, Instant cutoff, String revenueProperty) {
            events++;
            Instant t = e.timestamp();
            first = first == null || t.isBefore(first) ? t : first;
            last = last == null || t.isAfter(last) ? t : last;
            times.add(t);
            sessions = countSessions();
            long ageDays = Duration.between(t, cutoff).toDays();
            String name = e.name() != null ? e.name() : e.type();
            long[] named = byName.computeIfAbsent(name, k -> new long[3]);
            for (int w = 0; w < WINDOWS.length; w++) {
                if (ageDays < WINDOWS[w]) {
                    total[w]++;
                    named[w]++;
                }
            }
            double revenue = e.number(revenueProperty, Double.NaN);
            if (!Double.isNaN(revenue)) {
                purchases++;
                monetary += revenue;
                lastPurchase = lastPurchase == null || t.isAfter(lastPurchase) ? t : lastPurchase;
            }
        }

        private long countSessions() {
            // events arrive in id order, which is nearly but not exactly time order: sort the few times kept
            if (times.size() < 2) {
                return times.size();
            }
            Instant previous = times.get(times.size() - 2);
            Instant latest = times.get(times.size() - 1);
            if (!latest.isBefore(previous)) {
                return sessions + (Duration.between(previous, latest).compareTo(SESSION_GAP) > 0 ? 1 : 0);
            }
            times.sort(Comparator.naturalOrder());
            long count = 1;
            for (int i = 1; i < times.size(); i++) {
                if (Duration.between(times.get(i - 1), times.get(i)).compareTo(SESSION_GAP) > 0) {
                    count++;
                }
            }
            return count;
        }
    }
}

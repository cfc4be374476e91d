package dev.operon.plugins.behaviour.segments;

import dev.operon.plugins.behaviour.segments.rules.MeasureStats;
import dev.operon.plugins.behaviour.segments.rules.RuleCompiler;
import dev.operon.plugins.behaviour.segments.rules.RuleException;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Recomputes segment memberships, fully or incrementally, and records what changed.
 *
 * <p>Incremental: the profiles to re-evaluate are those updated since the last refresh (traits, features, consent,
 * scores), those with new events of a name some rule counts (read from an event-id cursor, with an overlap for late
 * commits), and those whose re-evaluation time has come: every evaluation stores the earliest future moment a
 * condition's answer changes by time alone (an event leaving a window, a "days since" threshold being crossed), so
 * window expiry is exact without scanning everyone. A full pass runs when a segment is new or changed, when there
 * is no cursor yet, when asked, and at least every {@code segment-full-refresh-hours} as a safety net.
 *
 * <p>Consent: only profiles allowing {@link Consent#ANALYTICS} are evaluated; a member who withdrew it leaves every
 * segment (reason {@code consent}). One refresh at a time per database (a PostgreSQL advisory lock).
 */
public final class SegmentRefresher {

    /** Another refresh holds the lock. */
    public static final class BusyException extends RuntimeException {
        BusyException() {
            super("another segment refresh is running; try again when it has finished");
        }
    }

    static final String CURSOR = "segments.event-cursor";
    static final String PROFILES_SINCE = "segments.profiles-since";
    static final String LAST_FULL = "segments.last-full";
    private static final long LOCK_KEY = 0x6265_6861_7669_6f75L;
    private static final Duration PROFILE_OVERLAP = Duration.ofMinutes(1);

    private final PluginData data;
    private final Events events;
    private final Profiles profiles;
    private final RefreshSettings settings;
    private final SegmentStore store;
    private final Memberships memberships;

    public SegmentRefresher(PluginData data, Events events, Profiles profiles, RefreshSettings settings) {
        this.data = data;
        this.events = events;
        this.profiles = profiles;
        this.settings = settings;
        this.store = new SegmentStore(data);
        this.memberships = new Memberships(data);
    }

    /**
     * Refreshes every segment.
     *
     * @param now       the evaluation time
     * @param forceFull evaluate every profile whatever changed
     * @param progress  percent and message
     * @param cancelled polled between profiles; when true, the refresh stops without writing anything
     * @throws BusyException when another refresh is running
     */
    public RefreshResult refresh(Instant now, boolean forceFull, BiConsumer<Integer, String> progress,
                                 BooleanSupplier cancelled) throws SQLException {
        long started = System.nanoTime();
        try (Connection lock = data.dataSource().getConnection()) {
            if (!tryLock(lock)) {
                throw new BusyException();
            }
            try {
                return run(now, forceFull, progress, cancelled, started);
            } finally {
                try (PreparedStatement s = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    s.setLong(1, LOCK_KEY);
                    s.execute();
                }
            }
        }
    }

    private RefreshResult run(Instant now, boolean forceFull, BiConsumer<Integer, String> progress,
                              BooleanSupplier cancelled, long started) throws SQLException {
        List<Segment> segments = store.all();
        SegmentEvaluator evaluator = new SegmentEvaluator(compile(segments));
        EventScan scan = new EventScan(evaluator.measures(), now);
        Map<String, String> state = memberships.state();
        String why = fullReason(forceFull, segments, state, now);
        boolean full = why != null;
        long cursor = Long.parseLong(state.getOrDefault(CURSOR, "0"));
        long newCursor = cursor;
        List<MembershipChange> changes = new ArrayList<>();
        Map<Long, Long> nextChange = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        segments.forEach(s -> names.put(s.id(), s.name()));
        long evaluated;
        long nowMillis = now.toEpochMilli();
        if (full) {
            progress.accept(5, "full refresh (" + why + "): reading events");
            Map<Long, MeasureStats[]> stats = scan.scanAll(events, id -> true);
            newCursor = Math.max(cursor, scan.maxId());
            Map<Long, Set<Long>> current = memberships.current(null);
            long total = Math.max(1, profiles.count(ProfileQuery.all()));
            progress.accept(40, "evaluating " + total + " profiles");
            Set<Long> seen = new HashSet<>();
            long[] count = {0};
            profiles.forEach(ProfileQuery.all(), p -> {
                if (++count[0] % 5000 == 0) {
                    checkCancelled(cancelled);
                    progress.accept(40 + (int) (50 * count[0] / total), count[0] + " of " + total + " profiles");
                }
                seen.add(p.id());
                evaluate(p, stats.get(p.id()), current.get(p.id()), evaluator, scan, nowMillis, names, changes,
                        nextChange);
            });
            current.forEach((id, in) -> {
                if (!seen.contains(id)) {
                    exitAll(id, in, "gone", names, changes);
                }
            });
            evaluated = seen.size();
        } else {
            progress.accept(5, "incremental refresh: finding changed profiles");
            Set<Long> affected = new HashSet<>();
            String since = state.get(PROFILES_SINCE);
            profiles.forEach(ProfileQuery.all().updatedSince(Instant.parse(since).minus(PROFILE_OVERLAP)),
                    p -> affected.add(p.id()));
            if (!scan.names().isEmpty()) {
                long[] max = {cursor};
                events.forEach(EventQuery.all().named(scan.names().toArray(String[]::new))
                        .after(Math.max(0, cursor - settings.eventOverlap())), e -> {
                            max[0] = Math.max(max[0], e.id());
                            if (e.profileId() != null) {
                                affected.add(e.profileId());
                            }
                        });
                newCursor = max[0];
            }
            affected.addAll(memberships.due(now));
            checkCancelled(cancelled);
            progress.accept(30, affected.size() + " profiles to re-evaluate");
            Map<Long, MeasureStats[]> stats = affected.size() <= settings.perProfileReads()
                    ? scan.scanProfiles(events, affected) : scan.scanAll(events, affected::contains);
            Map<Long, Set<Long>> current = memberships.current(affected);
            int done = 0;
            for (long id : affected) {
                if (++done % 1000 == 0) {
                    checkCancelled(cancelled);
                    progress.accept(30 + 60 * done / affected.size(), done + " of " + affected.size());
                }
                Optional<Profile> profile = profiles.get(id);
                if (profile.isEmpty() || profile.get().id() != id) {
                    exitAll(id, current.get(id), "gone", names, changes);
                    nextChange.put(id, Long.MAX_VALUE);
                } else {
                    evaluate(profile.get(), stats.get(id), current.get(id), evaluator, scan, nowMillis, names,
                            changes, nextChange);
                }
            }
            evaluated = affected.size();
        }
        checkCancelled(cancelled);
        progress.accept(90, changes.size() + " changes: writing");
        Map<Long, Instant> computed = new HashMap<>();
        if (full) {
            segments.forEach(s -> computed.put(s.id(), s.updatedAt()));
        }
        Map<String, String> newState = new LinkedHashMap<>();
        newState.put(CURSOR, Long.toString(newCursor));
        newState.put(PROFILES_SINCE, now.toString());
        if (full) {
            newState.put(LAST_FULL, now.toString());
        }
        memberships.write(now, changes, nextChange, full, computed, newState);
        progress.accept(95, "emitting Segment Entered / Segment Exited events");
        long emitted = memberships.emitPending(events);
        long entered = changes.stream().filter(MembershipChange::entered).count();
        List<RefreshResult.SegmentSize> sizes = store.all().stream()
                .map(s -> new RefreshResult.SegmentSize(s.id(), s.name(), s.size())).toList();
        return new RefreshResult(full ? "full" : "incremental", full ? why : "changes since the last refresh",
                evaluated, scan.eventsRead(), entered, changes.size() - entered, emitted,
                (System.nanoTime() - started) / 1e9, sizes);
    }

    private void evaluate(Profile p, MeasureStats[] stats, Set<Long> current, SegmentEvaluator evaluator,
                          EventScan scan, long now, Map<Long, String> names, List<MembershipChange> changes,
                          Map<Long, Long> nextChange) {
        if (!p.consent().allows(Consent.ANALYTICS)) {
            exitAll(p.id(), current, "consent", names, changes);
            nextChange.put(p.id(), Long.MAX_VALUE);
            return;
        }
        SegmentEvaluator.Outcome outcome = evaluator.evaluate(p, stats, scan, now);
        nextChange.put(p.id(), outcome.nextChange());
        Set<Long> before = current == null ? Set.of() : current;
        for (SegmentEvaluator.Entry e : evaluator.entries()) {
            boolean was = before.contains(e.id());
            boolean is = outcome.segments().contains(e.id());
            if (was != is) {
                changes.add(new MembershipChange(e.id(), e.name(), p.id(), is, "rule"));
            }
        }
    }

    private static void exitAll(long profileId, Set<Long> current, String reason, Map<Long, String> names,
                                List<MembershipChange> changes) {
        if (current == null) {
            return;
        }
        current.stream().sorted().forEach(s -> changes.add(
                new MembershipChange(s, names.getOrDefault(s, "segment " + s), profileId, false, reason)));
    }

    private List<SegmentEvaluator.Entry> compile(List<Segment> segments) throws SQLException {
        RuleCompiler.SegmentGraph graph = store.graph();
        List<SegmentEvaluator.Entry> out = new ArrayList<>();
        for (Segment s : segments) {
            try {
                out.add(new SegmentEvaluator.Entry(s.id(), s.name(),
                        RuleCompiler.compile(s.rule(), "rule", s.id(), graph, settings.featureWindows())));
            } catch (RuleException e) {
                // only reachable if a stored rule was edited by hand: it was validated when saved
                throw new IllegalStateException("stored rule of segment " + s.id() + " is invalid: "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    private String fullReason(boolean forceFull, List<Segment> segments, Map<String, String> state, Instant now) {
        if (forceFull) {
            return "asked for";
        }
        if (!state.containsKey(PROFILES_SINCE) || !state.containsKey(LAST_FULL)) {
            return "first refresh";
        }
        List<String> changed = segments.stream().filter(Segment::needsFull).map(Segment::name).toList();
        if (!changed.isEmpty()) {
            return "new or changed segments " + changed;
        }
        if (Instant.parse(state.get(LAST_FULL)).plus(settings.fullEvery()).isBefore(now)) {
            return "periodic full pass";
        }
        return null;
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, LOCK_KEY);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("segment refresh cancelled");
        }
    }
}

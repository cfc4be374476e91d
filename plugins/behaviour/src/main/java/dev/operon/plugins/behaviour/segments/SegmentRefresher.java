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
        long cursor = Long.parseLong(state.getOrDefault(CURSOR, "0"));
        Map<Long, String> names = new HashMap<>();
        segments.forEach(s -> names.put(s.id(), s.name()));
        Pass pass = new Pass(evaluator, scan, now.toEpochMilli(), names, progress, cancelled);
        long newCursor = cursor;
        if (why == null) {
            progress.accept(5, "incremental refresh: finding changed profiles");
            ChangeSet changed = changeSet(scan, state, cursor, now);
            newCursor = changed.eventCursor();
            long total = profiles.count(ProfileQuery.all());
            long estimate = changed.estimate();
            checkCancelled(cancelled);
            if (settings.fullAbovePercent() < 100 && estimate * 100 > (long) settings.fullAbovePercent() * total) {
                why = "about " + estimate + " of " + total + " profiles changed, above "
                        + settings.fullAbovePercent() + " %";
            } else if (estimate <= settings.perProfileReads()) {
                pass.why = "changes since the last refresh: " + estimate + " profiles or fewer, read one at a time";
                evaluateOneByOne(changed, pass);
            } else {
                pass.why = "changes since the last refresh: about " + estimate + " profiles, one pass";
                evaluateInOnePass(changed, pass);
            }
        }
        boolean full = why != null;
        if (full) {
            pass.why = why;
            evaluateAll(pass);
            newCursor = Math.max(newCursor, scan.maxId());
        }
        checkCancelled(cancelled);
        List<MembershipChange> changes = pass.changes;
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
        memberships.write(now, changes, pass.nextChange, full, computed, newState);
        progress.accept(95, "emitting Segment Entered / Segment Exited events");
        long emitted = memberships.emitPending(events);
        long entered = changes.stream().filter(MembershipChange::entered).count();
        List<RefreshResult.SegmentSize> sizes = store.all().stream()
                .map(s -> new RefreshResult.SegmentSize(s.id(), s.name(), s.size())).toList();
        return new RefreshResult(full ? "full" : "incremental", pass.why, pass.evaluated, scan.eventsRead(),
                entered, changes.size() - entered, emitted, (System.nanoTime() - started) / 1e9, sizes);
    }

    /** What one refresh evaluates with and collects. */
    private static final class Pass {
        final SegmentEvaluator evaluator;
        final EventScan scan;
        final long now;
        final Map<Long, String> names;
        final BiConsumer<Integer, String> progress;
        final BooleanSupplier cancelled;
        final List<MembershipChange> changes = new ArrayList<>();
        final Map<Long, Long> nextChange = new HashMap<>();
        String why;
        long evaluated;

        Pass(SegmentEvaluator evaluator, EventScan scan, long now, Map<Long, String> names,
             BiConsumer<Integer, String> progress, BooleanSupplier cancelled) {
            this.evaluator = evaluator;
            this.scan = scan;
            this.now = now;
            this.names = names;
            this.progress = progress;
            this.cancelled = cancelled;
        }
    }

    /**
     * Profiles to re-evaluate, found without reading any profile: those updated since the last refresh are only
     * counted here (the profile reads select them), those with new counted events or a due re-evaluation are listed.
     *
     * @param updatedSince the lower bound of {@link Profile#updatedAt()} of the changed profiles
     * @param updated      how many profiles were updated since then
     * @param touched      profiles with new counted events or whose re-evaluation time has come
     * @param eventCursor  the largest event id read
     */
    private record ChangeSet(Instant updatedSince, long updated, Set<Long> touched, long eventCursor) {

        /** At most this many distinct profiles (a profile both updated and touched is counted twice). */
        long estimate() {
            return updated + touched.size();
        }

        boolean contains(Profile p) {
            return touched.contains(p.id()) || !p.updatedAt().isBefore(updatedSince);
        }
    }

    private ChangeSet changeSet(EventScan scan, Map<String, String> state, long cursor, Instant now)
            throws SQLException {
        Instant since = Instant.parse(state.get(PROFILES_SINCE)).minus(PROFILE_OVERLAP);
        long updated = profiles.count(ProfileQuery.all().updatedSince(since));
        Set<Long> touched = new HashSet<>();
        long[] max = {cursor};
        if (!scan.names().isEmpty()) {
            events.forEach(EventQuery.all().named(scan.names().toArray(String[]::new))
                    .after(Math.max(0, cursor - settings.eventOverlap())), e -> {
                        max[0] = Math.max(max[0], e.id());
                        if (e.profileId() != null) {
                            touched.add(e.profileId());
                        }
                    });
        }
        touched.addAll(memberships.due(now));
        return new ChangeSet(since, updated, touched, max[0]);
    }

    /** Every profile: one event pass, one profile stream; members of profiles no longer there exit. */
    private void evaluateAll(Pass pass) throws SQLException {
        pass.progress.accept(5, "full refresh (" + pass.why + "): reading events");
        Map<Long, MeasureStats[]> stats = pass.scan.scanAll(events, id -> true);
        Map<Long, Set<Long>> current = memberships.current(null);
        long total = Math.max(1, profiles.count(ProfileQuery.all()));
        pass.progress.accept(40, "evaluating " + total + " profiles");
        Set<Long> seen = new HashSet<>();
        profiles.forEach(ProfileQuery.all(), p -> {
            if (seen.size() % 5000 == 4999) {
                checkCancelled(pass.cancelled);
                pass.progress.accept(40 + (int) (50 * seen.size() / total), seen.size() + " of " + total
                        + " profiles");
            }
            seen.add(p.id());
            evaluate(p, stats.get(p.id()), current.get(p.id()), pass);
        });
        current.forEach((id, in) -> {
            if (!seen.contains(id)) {
                exitAll(id, in, "gone", pass.names, pass.changes);
            }
        });
        pass.evaluated = seen.size();
    }

    /**
     * Many changed profiles: the same two streams as a full pass (events of the rules' names, then every profile),
     * evaluating only the changed ones, so it never costs more than a full pass. Reading them one at a time instead
     * costs two queries each, which for 23,731 profiles took 6.6 times as long as a full pass (docs/benchmarks.md).
     */
    private void evaluateInOnePass(ChangeSet changed, Pass pass) throws SQLException {
        pass.progress.accept(10, "reading events");
        Map<Long, MeasureStats[]> stats = pass.scan.scanAll(events, id -> true);
        checkCancelled(pass.cancelled);
        Map<Long, Set<Long>> current = memberships.current(null);
        pass.progress.accept(40, "reading profiles, evaluating the changed ones");
        Set<Long> seen = new HashSet<>();
        profiles.forEach(ProfileQuery.all(), p -> {
            if (changed.contains(p)) {
                if (seen.size() % 5000 == 4999) {
                    checkCancelled(pass.cancelled);
                }
                seen.add(p.id());
                evaluate(p, stats.get(p.id()), current.get(p.id()), pass);
            }
        });
        long evaluated = seen.size();
        for (long id : changed.touched()) {
            if (seen.add(id)) {   // not a live profile any more: merged into another one or erased
                exitAll(id, current.get(id), "gone", pass.names, pass.changes);
                pass.nextChange.put(id, Long.MAX_VALUE);
                evaluated++;
            }
        }
        pass.evaluated = evaluated;
    }

    /** A few changed profiles: their events and their profile read one at a time. */
    private void evaluateOneByOne(ChangeSet changed, Pass pass) throws SQLException {
        Set<Long> affected = new HashSet<>(changed.touched());
        profiles.forEach(ProfileQuery.all().updatedSince(changed.updatedSince()), p -> affected.add(p.id()));
        pass.progress.accept(30, affected.size() + " profiles to re-evaluate");
        Map<Long, MeasureStats[]> stats = pass.scan.scanProfiles(events, affected);
        Map<Long, Set<Long>> current = memberships.current(affected);
        for (long id : affected) {
            checkCancelled(pass.cancelled);
            Optional<Profile> profile = profiles.get(id);
            if (profile.isEmpty() || profile.get().id() != id) {
                exitAll(id, current.get(id), "gone", pass.names, pass.changes);
                pass.nextChange.put(id, Long.MAX_VALUE);
            } else {
                evaluate(profile.get(), stats.get(id), current.get(id), pass);
            }
        }
        pass.evaluated = affected.size();
    }

    private void evaluate(Profile p, MeasureStats[] stats, Set<Long> current, Pass pass) {
        evaluate(p, stats, current, pass.evaluator, pass.scan, pass.now, pass.names, pass.changes, pass.nextChange);
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

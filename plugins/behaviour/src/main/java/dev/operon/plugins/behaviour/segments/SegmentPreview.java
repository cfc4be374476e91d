package dev.operon.plugins.behaviour.segments;

import dev.operon.plugins.behaviour.segments.rules.CompiledRule;
import dev.operon.plugins.behaviour.segments.rules.MeasureStats;
import dev.operon.plugins.behaviour.segments.rules.RuleCompiler;
import dev.operon.plugins.behaviour.segments.rules.RuleException;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The live size of an unsaved rule. Exact when at most {@code maxProfiles} profiles allow analytics; otherwise a
 * deterministic sample of about {@code maxProfiles} of them (chosen by a hash of the profile id) is evaluated and
 * the count scaled up, and the answer says so. Segments the rule refers to are evaluated alongside, from their
 * stored rules.
 */
public final class SegmentPreview {

    /**
     * The answer.
     *
     * @param size      members (estimated when {@code exact} is false)
     * @param exact     true when every profile was evaluated
     * @param evaluated profiles evaluated
     * @param total     profiles allowing analytics
     * @param eventsRead events read to count the rule's event measures
     * @param seconds   wall time
     */
    public record Result(long size, boolean exact, long evaluated, long total, long eventsRead, double seconds) {
    }

    private final SegmentStore store;
    private final Events events;
    private final Profiles profiles;
    private final boolean featureWindows;

    public SegmentPreview(SegmentStore store, Events events, Profiles profiles, boolean featureWindows) {
        this.store = store;
        this.events = events;
        this.profiles = profiles;
        this.featureWindows = featureWindows;
    }

    public Result preview(Object rule, int maxProfiles, Instant now) throws SQLException, RuleException {
        long started = System.nanoTime();
        RuleCompiler.SegmentGraph graph = store.graph();
        CompiledRule compiled = RuleCompiler.compile(rule, "rule", null, graph, featureWindows);
        List<SegmentEvaluator.Entry> entries = new ArrayList<>(dependencies(compiled, graph));
        entries.add(new SegmentEvaluator.Entry(-1, "preview", compiled));
        SegmentEvaluator evaluator = new SegmentEvaluator(entries);
        EventScan scan = new EventScan(evaluator.measures(), now);
        ProfileQuery allowed = ProfileQuery.all().allowing(Consent.ANALYTICS);
        long total = profiles.count(allowed);
        long modulus = total <= maxProfiles ? 1 : (total + maxProfiles - 1) / maxProfiles;
        LongPredicate sampled = id -> modulus == 1 || Math.floorMod(mix(id), modulus) == 0;
        Map<Long, MeasureStats[]> stats = scan.scanAll(events, sampled);
        long[] counts = new long[2];
        long nowMillis = now.toEpochMilli();
        profiles.forEach(allowed, p -> {
            if (sampled.test(p.id())) {
                counts[0]++;
                if (evaluator.evaluate(p, stats.get(p.id()), scan, nowMillis).segments().contains(-1L)) {
                    counts[1]++;
                }
            }
        });
        long size = modulus == 1 || counts[0] == 0 ? counts[1] : Math.round(counts[1] * (double) total / counts[0]);
        return new Result(size, modulus == 1, counts[0], total, scan.eventsRead(),
                (System.nanoTime() - started) / 1e9);
    }

    private List<SegmentEvaluator.Entry> dependencies(CompiledRule rule, RuleCompiler.SegmentGraph graph)
            throws SQLException, RuleException {
        Map<Long, Segment> stored = new HashMap<>();
        for (Segment s : store.all()) {
            stored.put(s.id(), s);
        }
        List<SegmentEvaluator.Entry> out = new ArrayList<>();
        Deque<Long> todo = new ArrayDeque<>(rule.dependsOn());
        Set<Long> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            long id = todo.pop();
            Segment s = stored.get(id);
            if (s == null || !seen.add(id)) {
                continue;
            }
            CompiledRule dep = RuleCompiler.compile(s.rule(), "rule", s.id(), graph, featureWindows);
            out.add(new SegmentEvaluator.Entry(id, s.name(), dep));
            todo.addAll(dep.dependsOn());
        }
        return out;
    }

    /** A cheap, well-spread hash of a profile id (SplitMix64's finaliser), so samples do not follow id order. */
    static long mix(long id) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

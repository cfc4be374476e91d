package dev.operon.plugins.behaviour.segments;

import dev.operon.plugins.behaviour.segments.rules.CompiledRule;
import dev.operon.plugins.behaviour.segments.rules.EventMeasure;
import dev.operon.plugins.behaviour.segments.rules.Facts;
import dev.operon.plugins.behaviour.segments.rules.MeasureStats;
import dev.operon.sdk.profiles.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a set of compiled segment rules for one profile at a time, segments that others refer to first, and
 * collects the event measures they need.
 */
final class SegmentEvaluator {

    /** A segment with its compiled rule. */
    record Entry(long id, String name, CompiledRule rule) {
    }

    /** Which segments a profile belongs to, and when an answer next changes by time alone. */
    record Outcome(Set<Long> segments, long nextChange) {
    }

    private final List<Entry> ordered;
    private final List<EventMeasure> measures;

    SegmentEvaluator(List<Entry> entries) {
        this.ordered = topological(entries);
        Set<EventMeasure> all = new LinkedHashSet<>();
        entries.forEach(e -> all.addAll(e.rule().measures()));
        this.measures = List.copyOf(all);
    }

    List<Entry> entries() {
        return ordered;
    }

    List<EventMeasure> measures() {
        return measures;
    }

    Outcome evaluate(Profile profile, MeasureStats[] stats, EventScan scan, long now) {
        Facts facts = new Facts(profile, now, m -> {
            if (stats == null) {
                return MeasureStats.NONE;
            }
            Integer i = scan.position(m);
            return i == null || stats[i] == null ? MeasureStats.NONE : stats[i];
        });
        Set<Long> in = new HashSet<>(4);
        for (Entry e : ordered) {
            boolean member = e.rule().test(facts);
            facts.member(e.id(), member);
            if (member) {
                in.add(e.id());
            }
        }
        return new Outcome(in, facts.nextChange());
    }

    /** Segments referred to come before those referring to them; a reference to a missing segment is ignored. */
    private static List<Entry> topological(List<Entry> entries) {
        Map<Long, Entry> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.id(), e));
        List<Entry> out = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        Set<Long> visiting = new HashSet<>();
        for (Entry e : entries) {
            visit(e, byId, done, visiting, out);
        }
        return out;
    }

    private static void visit(Entry e, Map<Long, Entry> byId, Set<Long> done, Set<Long> visiting, List<Entry> out) {
        if (done.contains(e.id()) || !visiting.add(e.id())) {
            return;   // done, or a cycle (refused when saving; never loop here)
        }
        for (long dep : e.rule().dependsOn()) {
            Entry d = byId.get(dep);
            if (d != null) {
                visit(d, byId, done, visiting, out);
            }
        }
        visiting.remove(e.id());
        done.add(e.id());
        out.add(e);
    }
}

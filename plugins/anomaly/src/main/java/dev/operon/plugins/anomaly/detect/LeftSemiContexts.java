package dev.operon.plugins.anomaly.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The left semi-contexts, found by what a step needs without crossing the group with all of them: every step needs
 * those wholly present in the left group (found through their largest fact, which the group must hold), and only a
 * step that forms a new zero-level context needs those sharing just some facts with the group, and of them only the
 * ones that hold a zero-level context (indexed by each of their facts). Where order matters, the crossing order is by
 * the smallest shared fact, then oldest first.
 */
final class LeftSemiContexts {

    static final Comparator<SemiContext> CROSSING_ORDER =
            Comparator.comparingInt(SemiContext::firstSharedFact).thenComparingInt(s -> s.id);

    private final Map<FactSet, SemiContext> byFacts = new HashMap<>();
    private final FactLists byLargestFact = new FactLists();
    private final FactLists zeroLevelByFact = new FactLists();
    private List<SemiContext> present = new ArrayList<>();
    private List<SemiContext> touched = new ArrayList<>();

    /** The semi-context with exactly these facts, created when new. */
    SemiContext getOrCreate(FactSet facts) {
        SemiContext existing = byFacts.get(facts);
        if (existing != null) {
            return existing;
        }
        SemiContext created = new SemiContext(byFacts.size(), facts);
        byFacts.put(facts, created);
        int[] f = facts.facts();
        byLargestFact.getOrCreate(f[f.length - 1]).add(created);
        return created;
    }

    int size() {
        return byFacts.size();
    }

    /** Notes that the semi-context holds a zero-level context, so that partial crossings find it. */
    void holdsZeroLevel(SemiContext s) {
        if (s.indexedByFact) {
            return;
        }
        s.indexedByFact = true;
        for (int fact : s.facts.facts()) {
            List<SemiContext> list = zeroLevelByFact.getOrCreate(fact);
            // keep each list oldest first, as the crossing order needs
            int at = list.size();
            while (at > 0 && list.get(at - 1).id > s.id) {
                at--;
            }
            list.add(at, s);
        }
    }

    /**
     * Marks and returns the semi-contexts whose facts all lie in the (ascending) group, in no particular order (what
     * is computed from them alone does not depend on it; sort by {@link #CROSSING_ORDER} where it does).
     */
    List<SemiContext> markPresent(int[] group) {
        for (SemiContext s : present) {
            s.present = false;
        }
        long groupMask = 0L;
        for (int fact : group) {
            groupMask |= 1L << fact;
        }
        List<SemiContext> now = new ArrayList<>();
        for (int fact : group) {
            for (SemiContext s : byLargestFact.get(fact)) {
                if ((s.facts.mask() & ~groupMask) == 0 && within(s.facts.facts(), group)) {
                    s.present = true;
                    now.add(s);
                }
            }
        }
        present = now;
        return now;
    }

    /**
     * The semi-contexts holding a zero-level context that share some but not all of their facts with the group, each
     * knowing which; the group is the one last given to {@link #markPresent}.
     */
    List<SemiContext> partiallyPresent(int[] group) {
        for (SemiContext s : touched) {
            s.clearMatch();
        }
        List<SemiContext> now = new ArrayList<>();
        for (int fact : group) {
            for (SemiContext s : zeroLevelByFact.get(fact)) {
                if (s.present) {
                    continue;
                }
                if (s.matchedCount() == 0) {
                    now.add(s);
                }
                s.match(fact);
            }
        }
        touched = now;
        List<SemiContext> partial = new ArrayList<>();
        for (SemiContext s : now) {
            if (!s.fullyMatched()) {
                partial.add(s);
            }
        }
        return partial;
    }

    /** Whether every fact of the ascending {@code facts} is in the ascending {@code group}. */
    private static boolean within(int[] facts, int[] group) {
        int g = 0;
        for (int fact : facts) {
            while (g < group.length && group[g] < fact) {
                g++;
            }
            if (g == group.length || group[g] != fact) {
                return false;
            }
            g++;
        }
        return true;
    }
}

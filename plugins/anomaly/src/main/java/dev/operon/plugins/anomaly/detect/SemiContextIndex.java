package dev.operon.plugins.anomaly.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The right semi-contexts of CAD OSE (value facts only, so at most 3^bits - 1 of them), found by their whole fact set
 * or by any one fact, and the crossing of a step's value facts with all of them: which semi-contexts share facts with
 * the step, and which of their facts. The far more numerous left semi-contexts are kept in {@link LeftSemiContexts}.
 */
final class SemiContextIndex {

    private final Map<FactSet, SemiContext> byFacts = new HashMap<>();
    private final FactLists byFact = new FactLists();
    private List<SemiContext> crossed = new ArrayList<>();

    /** The semi-context with exactly these facts, created (and indexed by each fact) when new. */
    SemiContext getOrCreate(FactSet facts) {
        SemiContext existing = byFacts.get(facts);
        if (existing != null) {
            return existing;
        }
        SemiContext created = new SemiContext(byFacts.size(), facts);
        byFacts.put(facts, created);
        for (int fact : facts.facts()) {
            byFact.getOrCreate(fact).add(created);
        }
        return created;
    }

    int size() {
        return byFacts.size();
    }

    /**
     * Crosses the group with every semi-context: afterwards each semi-context knows which of its facts are in the
     * group, and {@link #crossed()} lists those that share at least one (in a deterministic order: by their first shared
     * fact, then oldest first).
     */
    void cross(int[] group) {
        for (SemiContext s : crossed) {
            s.clearMatch();
        }
        List<SemiContext> now = new ArrayList<>();
        for (int fact : group) {
            for (SemiContext s : byFact.get(fact)) {
                if (s.matchedCount() == 0) {
                    now.add(s);
                }
                s.match(fact);
            }
        }
        crossed = now;
    }

    /** The semi-contexts that shared at least one fact with the last crossed group. */
    List<SemiContext> crossed() {
        return crossed;
    }
}

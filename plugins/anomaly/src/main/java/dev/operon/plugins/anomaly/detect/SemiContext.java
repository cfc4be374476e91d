package dev.operon.plugins.anomaly.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One half of a CAD OSE context: a set of facts that was seen together, on the left (what came before) or the right
 * (what followed). It remembers which of its facts the last crossing matched; a left semi-context also holds the
 * contexts it is the left half of, by their right half.
 */
final class SemiContext {

    final int id;
    final FactSet facts;
    private final int[] matched;
    private int matchedCount;
    /** The matched facts as a set, made when first asked for after a crossing. */
    private FactSet matchedSet;
    private final List<CadContext> contexts = new ArrayList<>();
    private final Map<Integer, CadContext> contextsByRight = new HashMap<>();

    SemiContext(int id, FactSet facts) {
        this.id = id;
        this.facts = facts;
        this.matched = new int[facts.size()];
    }

    int size() {
        return facts.size();
    }

    int matchedCount() {
        return matchedCount;
    }

    boolean fullyMatched() {
        return matchedCount == matched.length;
    }

    /** The facts the last crossing matched, in the order they were offered (ascending). */
    FactSet matchedFacts() {
        if (matchedSet != null) {
            return matchedSet;
        }
        if (fullyMatched()) {
            matchedSet = facts;
            return facts;
        }
        int[] copy = new int[matchedCount];
        System.arraycopy(matched, 0, copy, 0, matchedCount);
        matchedSet = new FactSet(copy);
        return matchedSet;
    }

    void match(int fact) {
        matched[matchedCount++] = fact;
        matchedSet = null;
    }

    void clearMatch() {
        matchedCount = 0;
        matchedSet = null;
    }

    List<CadContext> contexts() {
        return contexts;
    }

    CadContext contextWith(SemiContext right) {
        return contextsByRight.get(right.id);
    }

    void add(CadContext context) {
        contexts.add(context);
        contextsByRight.put(context.right.id, context);
    }
}

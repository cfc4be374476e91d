package dev.operon.plugins.anomaly.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * One half of a CAD OSE context: a set of facts that was seen together, on the left (what came before) or the right
 * (what followed). It remembers which of its facts the last crossing matched (or, for a left one, that it was wholly
 * present in the last left group); a left semi-context also holds the contexts it is the left half of, by their right
 * half.
 */
final class SemiContext {

    final int id;
    final FactSet facts;
    private final int[] matched;
    private int matchedCount;
    /** The matched facts as a set, made when first asked for after a crossing. */
    private FactSet matchedSet;
    /** A left semi-context wholly present in the last left group. */
    boolean present;
    /** A left semi-context indexed by each of its facts, because it holds a zero-level context. */
    boolean indexedByFact;
    private final List<CadContext> contexts = new ArrayList<>();
    /** Contexts by the id of their right half (right semi-contexts are few: at most 3^bits - 1). */
    private CadContext[] contextsByRight = new CadContext[0];

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

    /** How many of its facts the last left group held: all when present, else the last crossing's matches. */
    int sharedCount() {
        return present ? facts.size() : matchedCount;
    }

    /** The facts the last left group held (see {@link #sharedCount()}). */
    FactSet sharedFacts() {
        return present ? facts : matchedFacts();
    }

    /** The smallest of the facts the last left group held. */
    int firstSharedFact() {
        return present ? facts.facts()[0] : matched[0];
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
        return right.id < contextsByRight.length ? contextsByRight[right.id] : null;
    }

    void add(CadContext context) {
        contexts.add(context);
        int at = context.right.id;
        if (at >= contextsByRight.length) {
            contextsByRight = java.util.Arrays.copyOf(contextsByRight, Math.max(at + 1, 2 * contextsByRight.length));
        }
        contextsByRight[at] = context;
    }
}

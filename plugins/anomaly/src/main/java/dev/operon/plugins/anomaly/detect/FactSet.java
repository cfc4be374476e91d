package dev.operon.plugins.anomaly.detect;

import java.util.Arrays;

/** A sorted set of facts (small integers) used as a key, with its hash computed once. */
final class FactSet {

    private final int[] facts;
    private final int hash;
    /** Bit (fact mod 64) set for each fact: a set whose mask is not inside another's is not its subset. */
    private final long mask;

    /** @param facts distinct facts in ascending order; not copied, so not to be changed afterwards */
    FactSet(int[] facts) {
        this.facts = facts;
        this.hash = Arrays.hashCode(facts);
        long m = 0L;
        for (int fact : facts) {
            m |= 1L << fact;
        }
        this.mask = m;
    }

    /** One bit per fact, modulo 64: exact for value facts (below 64), a quick filter for the rest. */
    long mask() {
        return mask;
    }

    int[] facts() {
        return facts;
    }

    int size() {
        return facts.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FactSet f && f.hash == hash && Arrays.equals(f.facts, facts);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}

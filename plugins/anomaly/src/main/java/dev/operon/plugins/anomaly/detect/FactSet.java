package dev.operon.plugins.anomaly.detect;

import java.util.Arrays;

/** A sorted set of facts (small integers) used as a key, with its hash computed once. */
final class FactSet {

    private final int[] facts;
    private final int hash;

    /** @param facts distinct facts in ascending order; not copied, so not to be changed afterwards */
    FactSet(int[] facts) {
        this.facts = facts;
        this.hash = Arrays.hashCode(facts);
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

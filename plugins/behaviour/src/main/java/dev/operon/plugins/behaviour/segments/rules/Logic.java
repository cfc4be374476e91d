package dev.operon.plugins.behaviour.segments.rules;

import java.util.List;

/** The combining conditions: {@code all}, {@code any}, {@code not} and membership of another segment. */
final class Logic {

    private Logic() {
    }

    /** True when every child is (evaluated in order, stopping at the first false one). */
    record All(List<Condition> children) implements Condition {
        @Override
        public boolean test(Facts facts) {
            for (Condition child : children) {
                if (!child.test(facts)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** True when at least one child is (stopping at the first true one). */
    record AnyOf(List<Condition> children) implements Condition {
        @Override
        public boolean test(Facts facts) {
            for (Condition child : children) {
                if (child.test(facts)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The negation of its child. */
    record Not(Condition child) implements Condition {
        @Override
        public boolean test(Facts facts) {
            return !child.test(facts);
        }
    }

    /** True when the profile is a member of another segment, evaluated earlier in the same pass. */
    record InSegment(long segmentId) implements Condition {
        @Override
        public boolean test(Facts facts) {
            return facts.inSegment(segmentId);
        }
    }
}

package dev.operon.plugins.behaviour.segments.rules;

import java.util.List;

/**
 * Comparisons of a number, all of which must hold: {@code {"gte": 3, "lt": 10}}.
 *
 * @param ops one or more comparisons
 */
record NumberTest(List<Op> ops) {

    /** One comparison: {@code eq}, {@code ne}, {@code gt}, {@code gte}, {@code lt} or {@code lte} with a number. */
    record Op(String name, double value) {
        boolean test(double x) {
            return switch (name) {
                case "eq" -> x == value;
                case "ne" -> x != value;
                case "gt" -> x > value;
                case "gte" -> x >= value;
                case "lt" -> x < value;
                case "lte" -> x <= value;
                default -> throw new IllegalStateException("unknown comparison " + name);
            };
        }
    }

    static final List<String> NAMES = List.of("eq", "ne", "gt", "gte", "lt", "lte");

    boolean test(double x) {
        for (Op op : ops) {
            if (!op.test(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * For a quantity growing by one per day from {@code anchorMillis} (days since something): the moments after
     * {@code nowMillis} where one of the comparisons changes its answer are reported to {@code facts}.
     */
    void reportCrossings(long anchorMillis, Facts facts) {
        for (Op op : ops) {
            long at = anchorMillis + (long) Math.ceil(op.value() * Facts.DAY_MILLIS);
            // gt/lte flip just after the threshold, eq/ne at it and again after; a millisecond later covers both
            facts.changesAt(at);
            facts.changesAt(at + 1);
        }
    }
}

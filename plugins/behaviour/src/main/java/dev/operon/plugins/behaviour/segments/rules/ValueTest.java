package dev.operon.plugins.behaviour.segments.rules;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Comparisons of a trait or an event property, all of which must hold: {@code eq}, {@code ne}, {@code in},
 * {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code exists}, {@code contains}.
 *
 * <p>Semantics: numbers compare numerically whatever their JSON type ({@code 3} equals {@code 3.0}, and a numeric
 * string such as {@code "3"} equals {@code 3}); strings compare exactly (ordering comparisons on two strings are
 * lexicographic, which orders ISO-8601 dates correctly); a missing or null value fails every comparison except
 * {@code ne} (true) and {@code exists: false} (true). {@code contains} on a string is a substring test, on a list a
 * membership test.
 *
 * @param ops one or more comparisons
 */
record ValueTest(List<Op> ops) {

    static final List<String> NAMES = List.of("eq", "ne", "in", "gt", "gte", "lt", "lte", "exists", "contains");

    /** One comparison with its operand as parsed from JSON. */
    record Op(String name, Object operand) {
    }

    boolean test(Object value) {
        for (Op op : ops) {
            if (!test(op, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean test(Op op, Object value) {
        Object operand = op.operand();
        return switch (op.name()) {
            case "exists" -> (value != null) == (Boolean) operand;
            case "eq" -> value != null && same(value, operand);
            case "ne" -> value == null || !same(value, operand);
            case "in" -> value != null && ((List<?>) operand).stream().anyMatch(o -> same(value, o));
            case "contains" -> contains(value, operand);
            case "gt" -> ordered(value, operand, c -> c > 0);
            case "gte" -> ordered(value, operand, c -> c >= 0);
            case "lt" -> ordered(value, operand, c -> c < 0);
            case "lte" -> ordered(value, operand, c -> c <= 0);
            default -> throw new IllegalStateException("unknown comparison " + op.name());
        };
    }

    /** Marks values that cannot be ordered against the operand: every ordering comparison is then false. */
    private static final int MISSING = Integer.MIN_VALUE;

    private static boolean ordered(Object value, Object operand, java.util.function.IntPredicate holds) {
        int c = compare(value, operand);
        return c != MISSING && holds.test(c);
    }

    private static int compare(Object value, Object operand) {
        if (value == null) {
            return MISSING;
        }
        if (operand instanceof Number n) {
            Double x = number(value);
            return x == null ? MISSING : Double.compare(x, n.doubleValue());
        }
        if (operand instanceof String s && value instanceof String v) {
            return Integer.signum(v.compareTo(s));
        }
        return MISSING;
    }

    static boolean same(Object value, Object operand) {
        if (operand instanceof Number n) {
            Double x = number(value);
            return x != null && x == n.doubleValue();
        }
        if (operand instanceof Boolean b) {
            return b.equals(value) || (value instanceof String s && s.equalsIgnoreCase(b.toString()));
        }
        return operand.equals(value instanceof String ? value : value.toString());
    }

    private static boolean contains(Object value, Object operand) {
        if (value instanceof String s) {
            return s.contains(operand.toString());
        }
        if (value instanceof Collection<?> items) {
            return items.stream().anyMatch(item -> item != null && same(item, operand));
        }
        if (value instanceof Map<?, ?> map) {
            return map.containsKey(operand.toString());
        }
        return false;
    }

    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}

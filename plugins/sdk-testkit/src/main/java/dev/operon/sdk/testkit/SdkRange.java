package dev.operon.sdk.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Maven-style version range as plugins state their SDK compatibility: {@code [1.0,2.0)}, {@code [1.0,)},
 * {@code [1.0]}, or a bare {@code 1.0} meaning "1.0 or later".
 */
final class SdkRange {

    private static final Pattern RANGE = Pattern.compile("([\\[(])\\s*([0-9.]*)\\s*(?:,\\s*([0-9.]*)\\s*)?([])])");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final String lower;
    private final boolean lowerInclusive;
    private final String upper;
    private final boolean upperInclusive;

    private SdkRange(String lower, boolean lowerInclusive, String upper, boolean upperInclusive) {
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
    }

    /** Parses {@code text}, or throws {@link IllegalArgumentException} saying what a range looks like. */
    static SdkRange parse(String text) {
        String value = text.trim();
        if (VERSION.matcher(value).matches()) {
            return new SdkRange(value, true, null, false);
        }
        Matcher m = RANGE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("SDK range '" + text + "' is not a version range such as [1.0,2.0)");
        }
        String low = emptyToNull(m.group(2));
        boolean single = m.group(3) == null;
        String high = single ? low : emptyToNull(m.group(3));
        for (String bound : new String[] {low, high}) {
            if (bound != null && !VERSION.matcher(bound).matches()) {
                throw new IllegalArgumentException("SDK range '" + text + "' has a bad version: " + bound);
            }
        }
        if (single && (low == null || !m.group(1).equals("[") || !m.group(4).equals("]"))) {
            throw new IllegalArgumentException("SDK range '" + text + "': a single version is written [1.0]");
        }
        if (low != null && high != null && compare(low, high) > 0) {
            throw new IllegalArgumentException("SDK range '" + text + "' is empty: its lower bound is above its upper");
        }
        return new SdkRange(low, m.group(1).equals("["), high, m.group(4).equals("]"));
    }

    boolean contains(String version) {
        if (lower != null) {
            int c = compare(version, lower);
            if (c < 0 || c == 0 && !lowerInclusive) {
                return false;
            }
        }
        if (upper != null) {
            int c = compare(version, upper);
            return c < 0 || c == 0 && upperInclusive;
        }
        return true;
    }

    /** Compares dotted numeric versions; missing parts count as 0 ({@code 1 == 1.0}). */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

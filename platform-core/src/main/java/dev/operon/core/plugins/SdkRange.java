package dev.operon.core.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Maven-style version range over SDK versions, as plugins declare it in {@code PluginInfo.sdkRange}:
 * {@code [1.0,2.0)}, {@code [1.2,)}, {@code (,2.0)}, {@code [1.0]}, a union such as {@code [1.0,1.3),[1.5,2.0)},
 * or a bare version {@code 1.2}, read as "1.2 up to the next major version" ({@code [1.2,2.0)}), following the SDK's
 * promise that only a major version breaks plugins.
 */
public final class SdkRange {

    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Pattern INTERVAL = Pattern.compile("\\s*([\\[(])([^,\\[\\]()]*)(?:(,)([^,\\[\\]()]*))?([\\])])\\s*");

    private record Interval(int[] low, boolean lowInclusive, int[] high, boolean highInclusive) {
        boolean contains(int[] version) {
            if (low != null) {
                int c = compare(version, low);
                if (c < 0 || (c == 0 && !lowInclusive)) {
                    return false;
                }
            }
            if (high != null) {
                int c = compare(version, high);
                return c < 0 || (c == 0 && highInclusive);
            }
            return true;
        }
    }

    private final List<Interval> intervals;

    private SdkRange(List<Interval> intervals) {
        this.intervals = intervals;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static SdkRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the SDK range is empty");
        }
        String trimmed = text.trim();
        if (VERSION.matcher(trimmed).matches()) {
            int[] low = version(trimmed);
            return new SdkRange(List.of(new Interval(low, true, new int[] {low[0] + 1}, false)));
        }
        List<Interval> intervals = new ArrayList<>();
        Matcher m = INTERVAL.matcher(trimmed);
        int at = 0;
        while (at < trimmed.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("'" + text + "' is not a version range such as [1.0,2.0)");
            }
            intervals.add(interval(text, m));
            at = m.end();
            if (at < trimmed.length()) {
                if (trimmed.charAt(at) != ',') {
                    throw new IllegalArgumentException("'" + text + "' is not a version range such as [1.0,2.0)");
                }
                at++;
            }
        }
        return new SdkRange(List.copyOf(intervals));
    }

    private static Interval interval(String text, Matcher m) {
        boolean lowInclusive = m.group(1).equals("[");
        boolean highInclusive = m.group(5).equals("]");
        String lowText = m.group(2).trim();
        if (m.group(3) == null) {
            if (!lowInclusive || !highInclusive || lowText.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': a single version is written [1.0]");
            }
            int[] exact = version(lowText);
            return new Interval(exact, true, exact, true);
        }
        String highText = m.group(4).trim();
        int[] low = lowText.isEmpty() ? null : version(lowText);
        int[] high = highText.isEmpty() ? null : version(highText);
        if ((low == null && lowInclusive) || (high == null && highInclusive)) {
            throw new IllegalArgumentException("'" + text + "': an open end is written with ( or )");
        }
        if (low != null && high != null && compare(low, high) > 0) {
            throw new IllegalArgumentException("'" + text + "': the lower bound is above the upper bound");
        }
        return new Interval(low, lowInclusive, high, highInclusive);
    }

    private static int[] version(String text) {
        if (!VERSION.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version such as 1.0");
        }
        String[] parts = text.split("\\.");
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return numbers;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    /** True when {@code version} (such as {@code 1.0}) lies in the range. */
    public boolean contains(String version) {
        int[] v = version(version);
        return intervals.stream().anyMatch(i -> i.contains(v));
    }
}

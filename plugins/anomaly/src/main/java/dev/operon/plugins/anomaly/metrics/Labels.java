package dev.operon.plugins.anomaly.metrics;

import dev.operon.sdk.json.Json;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Label sets of series: validated, sorted, turned into the canonical key that identifies a series with its name and
 * into JSON for the {@code jsonb} columns (label keys and values are plain strings, so the JSON is written here).
 */
public final class Labels {

    /** At most this many labels per series. */
    public static final int MAX_LABELS = 16;
    private static final Pattern KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.-]{0,63}");
    private static final int MAX_VALUE = 200;

    private Labels() {
    }

    /** What is wrong with {@code labels}, or null when they are fine. */
    public static String problem(Map<String, String> labels) {
        if (labels == null) {
            return null;
        }
        if (labels.size() > MAX_LABELS) {
            return "at most " + MAX_LABELS + " labels";
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getKey() == null || !KEY.matcher(e.getKey()).matches()) {
                return "label name '" + e.getKey() + "' must match " + KEY.pattern();
            }
            if (e.getValue() == null || e.getValue().isEmpty() || e.getValue().length() > MAX_VALUE) {
                return "label '" + e.getKey() + "' needs a value of 1 to " + MAX_VALUE + " characters";
            }
        }
        return null;
    }

    /** Sorted copy; null becomes empty. */
    public static Map<String, String> sorted(Map<String, String> labels) {
        return labels == null ? new TreeMap<>() : new TreeMap<>(labels);
    }

    /** {@code k=v,k=v} in key order: with the name, a series' identity. */
    public static String key(Map<String, String> labels) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : sorted(labels).entrySet()) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(e.getKey()).append('=').append(e.getValue().replace("\\", "\\\\").replace(",", "\\,"));
        }
        return out.toString();
    }

    /** The labels as a JSON object, keys sorted. */
    public static String json(Map<String, String> labels) {
        return Json.write(sorted(labels));
    }

    /** SQL that selects a {@code jsonb} column as two text arrays (keys, values), read back by {@link #read}. */
    public static String select(String column) {
        return "(SELECT array_agg(key ORDER BY key) FROM jsonb_each_text(" + column + ")),"
                + " (SELECT array_agg(value ORDER BY key) FROM jsonb_each_text(" + column + "))";
    }

    /** The map from the two arrays {@link #select} produced. */
    public static Map<String, String> read(Array keys, Array values) throws SQLException {
        Map<String, String> labels = new TreeMap<>();
        if (keys == null) {
            return labels;
        }
        String[] k = (String[]) keys.getArray();
        String[] v = (String[]) values.getArray();
        for (int i = 0; i < k.length; i++) {
            labels.put(k[i], v[i]);
        }
        return labels;
    }

    /** Whether {@code labels} contain every entry of {@code match}. */
    public static boolean matches(Map<String, String> labels, Map<String, String> match) {
        return match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}

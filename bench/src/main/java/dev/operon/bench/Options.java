package dev.operon.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code key=value} arguments after the benchmark's name, with defaults where a key is absent. */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args, int from) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + args[i] + "'");
            }
            values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        return new Options(values);
    }

    int integer(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    Path path(String key, Path fallback) {
        return values.containsKey(key) ? Path.of(values.get(key)).toAbsolutePath() : fallback;
    }

    /** A duration in seconds. */
    Duration seconds(String key, long fallback) {
        return Duration.ofSeconds(values.containsKey(key) ? Long.parseLong(values.get(key)) : fallback);
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(values.getOrDefault(key, "false"));
    }

    Map<String, String> all() {
        return values;
    }
}

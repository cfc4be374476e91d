package dev.operon.sdk.testkit;

import dev.operon.sdk.config.ConfigProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a plugin's configuration values against its declared {@link ConfigProperty properties}: unknown keys,
 * required keys without value or default, values that do not parse as their type, enum values not allowed, numbers
 * outside min/max. Defaults are checked too: a bad default is the plugin's bug.
 */
final class ConfigValidation {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private ConfigValidation() {
    }

    /** Every problem, each naming the full key ({@code operon.plugin.<id>.<key>}); empty when all is well. */
    static List<String> problems(String pluginId, List<ConfigProperty> declared, Map<String, String> given) {
        List<String> problems = new ArrayList<>();
        Set<String> keys = declared.stream().map(ConfigProperty::key).collect(Collectors.toSet());
        given.keySet().stream().filter(k -> !keys.contains(k)).sorted().forEach(k -> problems.add(
                fullKey(pluginId, k) + ": not a configuration key of this plugin; known: " + keys.stream().sorted()
                        .toList()));
        for (ConfigProperty property : declared) {
            String name = fullKey(pluginId, property.key());
            if (property.defaultValue() != null) {
                String bad = check(property, property.defaultValue());
                if (bad != null) {
                    problems.add(name + ": the plugin's default '" + property.defaultValue() + "' " + bad);
                }
            }
            String value = given.get(property.key());
            if (value == null) {
                if (property.required() && property.defaultValue() == null) {
                    problems.add(name + ": required, and not set");
                }
                continue;
            }
            String bad = check(property, value);
            if (bad != null) {
                problems.add(name + ": " + (property.secret() ? "the value" : "'" + value + "'") + " " + bad);
            }
        }
        return problems;
    }

    /** Why {@code value} is not valid for {@code property}, or null when it is. */
    static String check(ConfigProperty property, String value) {
        String v = value.trim();
        Double number = null;
        switch (property.type()) {
            case INTEGER -> {
                try {
                    number = (double) Long.parseLong(v);
                } catch (NumberFormatException e) {
                    return "is not an integer";
                }
            }
            case DECIMAL -> {
                try {
                    number = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return "is not a number";
                }
                if (!Double.isFinite(number)) {
                    return "is not a finite number";
                }
            }
            case BOOLEAN -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    return "is not true or false";
                }
            }
            case DURATION -> {
                try {
                    parseDuration(v);
                } catch (IllegalArgumentException e) {
                    return "is not a duration (use 30s, 5m, 2h, 1d or PT30S)";
                }
            }
            case URL -> {
                try {
                    URI uri = new URI(v);
                    if (uri.getScheme() == null) {
                        return "is not an absolute URL";
                    }
                } catch (URISyntaxException e) {
                    return "is not a URL: " + e.getReason();
                }
            }
            case ENUM -> {
                if (!property.allowed().contains(v)) {
                    return "is not one of " + property.allowed();
                }
            }
            case STRING, SECRET -> {
            }
        }
        if (number != null && property.min() != null && number < property.min()) {
            return "is below the minimum " + format(property.min());
        }
        if (number != null && property.max() != null && number > property.max()) {
            return "is above the maximum " + format(property.max());
        }
        return null;
    }

    /** ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "'", e);
            }
        }
        Matcher m = SIMPLE_DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 30s, 5m, 2h, 1d or PT30S)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static String fullKey(String pluginId, String key) {
        return "operon.plugin." + pluginId + "." + key;
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}

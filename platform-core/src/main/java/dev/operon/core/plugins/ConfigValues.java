package dev.operon.core.plugins;

import dev.operon.sdk.config.ConfigProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one configuration value against its {@link ConfigProperty}. Messages never repeat the value, so that they
 * can be logged, returned and audited even for secrets.
 */
public final class ConfigValues {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private ConfigValues() {
    }

    /** Why {@code value} is not acceptable for {@code property}, or empty when it is. Blank counts as not set. */
    public static Optional<String> problem(ConfigProperty property, String value) {
        if (value == null || value.isBlank()) {
            return property.required() ? Optional.of("required, not set") : Optional.empty();
        }
        String text = value.trim();
        return switch (property.type()) {
            case STRING, SECRET -> Optional.empty();
            case INTEGER -> number(property, text, true);
            case DECIMAL -> number(property, text, false);
            case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false") ? Optional.empty()
                    : Optional.of("must be true or false");
            case DURATION -> duration(text);
            case URL -> url(text);
            case ENUM -> property.allowed().contains(text) ? Optional.empty()
                    : Optional.of("must be one of " + String.join(", ", property.allowed()));
        };
    }

    private static Optional<String> number(ConfigProperty property, String text, boolean whole) {
        double number;
        try {
            number = whole ? Long.parseLong(text) : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Optional.of(whole ? "must be a whole number" : "must be a number");
        }
        if (!Double.isFinite(number)) {
            return Optional.of("must be a finite number");
        }
        if (property.min() != null && number < property.min()) {
            return Optional.of("must be at least " + plain(property.min()));
        }
        if (property.max() != null && number > property.max()) {
            return Optional.of("must be at most " + plain(property.max()));
        }
        return Optional.empty();
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static Optional<String> duration(String text) {
        try {
            parseDuration(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("must be a duration such as 30s, 5m, 2h, 1d or PT30S");
        }
    }

    private static Optional<String> url(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || (uri.getHost() == null && uri.getSchemeSpecificPart().isBlank())) {
                return Optional.of("must be an absolute URL such as https://host/path");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute URL such as https://host/path");
        }
    }

    /** ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    public static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration (use 30s, 5m, 2h, 1d or PT30S)");
            }
        }
        Matcher m = SIMPLE_DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (use 30s, 5m, 2h, 1d or PT30S)");
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
}

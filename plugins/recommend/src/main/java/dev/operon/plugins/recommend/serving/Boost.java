package dev.operon.plugins.recommend.serving;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Raises the items whose property has a value: {@code weight} is added to the item's relevance, which is scaled to
 * [0, 1] among the candidates, so 0.1 is a nudge and 1 puts matching items first. A negative weight buries them.
 *
 * @param property a catalogue field ({@code category}, {@code price}, {@code available}, {@code title}) or property
 * @param value    the value to match, compared as text ({@code "true"}, {@code "shoes"}, {@code "12.5"})
 * @param weight   between -1 and 1
 */
public record Boost(@NotBlank @Size(max = 200) String property, @NotNull @Size(max = 500) String value,
                    @DecimalMin("-1") @DecimalMax("1") double weight) {

    /** Parses the {@code boosts} setting: {@code property=value:weight} entries separated by semicolons. */
    public static java.util.List<Boost> parseSetting(String setting) {
        java.util.List<Boost> out = new java.util.ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return out;
        }
        for (String part : setting.split(";")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            int colon = entry.lastIndexOf(':');
            if (eq <= 0 || colon < eq) {
                throw new IllegalArgumentException("boost '" + entry + "' is not property=value:weight");
            }
            double weight;
            try {
                weight = Double.parseDouble(entry.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("boost '" + entry + "': the weight is not a number");
            }
            if (weight < -1 || weight > 1) {
                throw new IllegalArgumentException("boost '" + entry + "': the weight must be between -1 and 1");
            }
            out.add(new Boost(entry.substring(0, eq).strip(), entry.substring(eq + 1, colon).strip(), weight));
        }
        return out;
    }

    /** True when {@code actual} (a property's value) matches this boost's value. */
    boolean matches(Object actual) {
        if (actual == null) {
            return false;
        }
        if (actual instanceof Number n) {
            try {
                return Double.parseDouble(value) == n.doubleValue();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (actual instanceof java.util.Collection<?> values) {
            return values.stream().anyMatch(v -> v != null && v.toString().equalsIgnoreCase(value));
        }
        return actual.toString().equalsIgnoreCase(value);
    }
}

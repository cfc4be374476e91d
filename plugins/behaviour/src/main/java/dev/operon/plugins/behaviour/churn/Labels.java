package dev.operon.plugins.behaviour.churn;

import java.util.Locale;
import java.util.Set;

/**
 * Reads a binary label: yes/no, true/false, 1/0, y/n, t/f (any case, surrounding spaces ignored), or a value the user
 * named as the positive one. Blank means "unknown".
 */
public final class Labels {

    private static final Set<String> POSITIVE = Set.of("yes", "y", "true", "t", "1", "1.0");
    private static final Set<String> NEGATIVE = Set.of("no", "n", "false", "f", "0", "0.0");

    private final String positive;

    /** @param positive the value meaning "positive" when it is not one of the usual ones, or null */
    public Labels(String positive) {
        this.positive = positive == null ? null : positive.strip();
    }

    /**
     * @return true for positive, false for negative, null for blank
     * @throws IllegalArgumentException for anything else
     */
    public Boolean parse(String raw) {
        if (FeatureEncoder.isMissing(raw)) {
            return null;
        }
        String value = raw.strip();
        if (positive != null) {
            return value.equalsIgnoreCase(positive);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (POSITIVE.contains(lower)) {
            return true;
        }
        if (NEGATIVE.contains(lower)) {
            return false;
        }
        throw new IllegalArgumentException("label '" + value + "' is not yes/no, true/false, 1/0, y/n or t/f;"
                + " name the positive value with --positive");
    }
}

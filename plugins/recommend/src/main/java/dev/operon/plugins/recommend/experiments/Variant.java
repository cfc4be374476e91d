package dev.operon.plugins.recommend.experiments;

import dev.operon.plugins.recommend.serving.ServedModels;

/**
 * What a user gets: a model target and, optionally, other ranking settings than the configured defaults.
 *
 * @param name           {@code a}, {@code b}, {@code holdout}, or {@code default} when no experiment runs
 * @param target         {@code champion} or a model type id; null for the holdout (non-personalised popular list)
 * @param diversity      MMR diversity for this variant, or null for the default
 * @param maxPerCategory category cap for this variant, or null for the default
 */
public record Variant(String name, String target, Double diversity, Integer maxPerCategory) {

    public static final Variant DEFAULT = new Variant("default", ServedModels.CHAMPION, null, null);

    public boolean holdout() {
        return target == null;
    }

    /**
     * Parses a variant setting: {@code champion} or a model type id, then optional {@code ;diversity=0.3} and
     * {@code ;max-per-category=2}.
     */
    public static Variant parse(String name, String setting) {
        String[] parts = setting == null ? new String[] {""} : setting.split(";");
        String target = parts[0].strip();
        if (target.isEmpty()) {
            throw new IllegalArgumentException("variant " + name + " names no model ('champion' or a model type)");
        }
        if (!target.equals(ServedModels.CHAMPION) && !target.startsWith("recommend.")) {
            throw new IllegalArgumentException("variant " + name + ": '" + target + "' is neither 'champion' nor a"
                    + " recommend.* model type");
        }
        Double diversity = null;
        Integer cap = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq).strip();
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            try {
                switch (key) {
                    case "diversity" -> {
                        diversity = Double.parseDouble(value);
                        if (diversity < 0 || diversity > 1) {
                            throw new IllegalArgumentException("variant " + name + ": diversity must be 0..1");
                        }
                    }
                    case "max-per-category" -> {
                        cap = Integer.parseInt(value);
                        if (cap < 0) {
                            throw new IllegalArgumentException("variant " + name + ": max-per-category must be >= 0");
                        }
                    }
                    default -> throw new IllegalArgumentException("variant " + name + ": unknown setting '" + key
                            + "' (diversity, max-per-category)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("variant " + name + ": '" + value + "' is not a number");
            }
        }
        return new Variant(name, target, diversity, cap);
    }
}

package dev.operon.plugins.recommend.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the {@code event-weights} setting: {@code Product Viewed=1, Order Completed=5}. */
public final class EventWeights {

    private EventWeights() {
    }

    /** Event name to weight; a malformed pair, a duplicate or a weight that is not positive is refused. */
    public static Map<String, Double> parse(String setting) {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException("event-weights is empty: name at least one event, e.g."
                    + " 'Order Completed=5'");
        }
        for (String pair : setting.split(",")) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("event-weights entry '" + pair.strip() + "' is not name=weight");
            }
            String name = pair.substring(0, eq).strip();
            double weight;
            try {
                weight = Double.parseDouble(pair.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("event-weights entry '" + pair.strip() + "': weight is not a"
                        + " number");
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("event-weights entry '" + pair.strip() + "': weight must be"
                        + " positive");
            }
            if (weights.put(name, weight) != null) {
                throw new IllegalArgumentException("event-weights names '" + name + "' twice");
            }
        }
        return weights;
    }
}

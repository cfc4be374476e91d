package dev.operon.plugins.behaviour.churn;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import java.util.List;

/** The churn configuration keys ({@code operon.plugin.behaviour.<key>}). */
public final class ChurnConfig {

    public static final String HORIZON_DAYS = "churn-horizon-days";
    public static final String LOOKBACK_DAYS = "churn-lookback-days";
    public static final String TOP_FEATURES = "churn-top-features";
    public static final String EVENT_NAMES = "churn-event-names";
    public static final String REVENUE_PROPERTY = "revenue-property";
    public static final String TRAITS = "churn-traits";

    private ChurnConfig() {
    }

    /** The trait names of {@link #TRAITS}' value (blank entries dropped). */
    public static java.util.Set<String> traits(String value) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String name : value == null ? new String[0] : value.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    public static List<ConfigProperty> properties() {
        return List.of(
                ConfigProperty.of(HORIZON_DAYS, ConfigType.INTEGER, "30",
                        "Churn means no event in this many days after the cutoff").between(1, 3650),
                ConfigProperty.of(LOOKBACK_DAYS, ConfigType.INTEGER, "180",
                        "Churn features are computed from the events of this many days before the cutoff")
                        .between(1, 3650),
                ConfigProperty.of(TOP_FEATURES, ConfigType.INTEGER, "3",
                        "How many contributing features each churn score lists").between(1, 50),
                ConfigProperty.of(EVENT_NAMES, ConfigType.INTEGER, "20",
                        "How many of the most frequent event names get their own count features").between(0, 200),
                ConfigProperty.of(REVENUE_PROPERTY, ConfigType.STRING, "revenue",
                        "The event property holding a purchase's value (churn features and CLV)"),
                ConfigProperty.of(TRAITS, ConfigType.STRING, "",
                        "Comma-separated traits the churn model may read as features (none by default). Training"
                                + " reads today's trait values for past cutoffs, so list only traits that do not"
                                + " change when a user leaves (country, acquisition channel), never identifiers"));
    }
}

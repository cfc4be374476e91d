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

    private ChurnConfig() {
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
                        "The event property holding a purchase's value (churn features and CLV)"));
    }
}

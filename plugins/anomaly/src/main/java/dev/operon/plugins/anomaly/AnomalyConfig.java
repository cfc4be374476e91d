package dev.operon.plugins.anomaly;

import dev.operon.plugins.anomaly.detect.Detectors;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import java.util.List;

/** The plugin's configuration keys ({@code operon.plugin.anomaly.<key>}). */
public final class AnomalyConfig {

    public static final String DEFAULT_DETECTOR = "default-detector";
    public static final String REPLAY_POINTS = "replay-points";
    public static final String SCORE_BATCH = "score-batch";
    public static final String MAX_POINTS_PER_REQUEST = "max-points-per-request";
    public static final String DELIVERY_BACKOFF = "delivery-backoff";
    public static final String DELIVERY_MAX_ATTEMPTS = "delivery-max-attempts";
    public static final String FALSE_POSITIVE_FACTOR = "feedback-false-positive-factor";
    public static final String CONFIRMED_FACTOR = "feedback-confirmed-factor";
    public static final String DERIVE_LAG = "derive-lag";
    public static final String DERIVE_BACKFILL = "derive-backfill";

    private AnomalyConfig() {
    }

    public static List<ConfigProperty> properties() {
        return List.of(
                ConfigProperty.oneOf(DEFAULT_DETECTOR, Detectors.names(), Detectors.DEFAULT, "Detector of the series"
                        + " that name none (each series may name its own)"),
                ConfigProperty.of(REPLAY_POINTS, ConfigType.INTEGER, "12000", "Points replayed into a fresh detector"
                        + " (after a restart or a settings change) before it scores new points").between(0, 200000),
                ConfigProperty.of(SCORE_BATCH, ConfigType.INTEGER, "5000", "New points of one series scored per"
                        + " transaction").between(100, 100000),
                ConfigProperty.of(MAX_POINTS_PER_REQUEST, ConfigType.INTEGER, "10000", "Most points accepted by one"
                        + " call of the points API").between(1, 100000),
                ConfigProperty.of(DELIVERY_BACKOFF, ConfigType.DURATION, "30s", "Wait after the first failed delivery"
                        + " of an alert; doubled after each further failure, at most one hour"),
                ConfigProperty.of(DELIVERY_MAX_ATTEMPTS, ConfigType.INTEGER, "8", "Delivery attempts of one alert"
                        + " before it is marked failed").between(1, 50),
                ConfigProperty.of(FALSE_POSITIVE_FACTOR, ConfigType.DECIMAL, "1.5", "A false-positive verdict divides"
                        + " the series' sensitivity by this").between(1, 10),
                ConfigProperty.of(CONFIRMED_FACTOR, ConfigType.DECIMAL, "1.1", "A confirmed verdict multiplies the"
                        + " series' sensitivity by this").between(1, 10),
                ConfigProperty.of(DERIVE_LAG, ConfigType.DURATION, "2m", "How long after a bucket ends its events are"
                        + " counted (late events arrive within it)"),
                ConfigProperty.of(DERIVE_BACKFILL, ConfigType.DURATION, "1d", "How far back a new event-derived series"
                        + " starts"));
    }
}

package dev.operon.plugins.recommend.serving;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.config.PluginConfig;
import java.util.List;

/** Configuration keys of serving, cold start, feedback and the A/B split ({@code operon.plugin.recommend.<key>}). */
public final class ServingConfig {

    public static final String EXCLUDE_SEEN = "exclude-seen";
    public static final String BOOSTS = "boosts";
    public static final String MAX_PER_CATEGORY = "max-per-category";
    public static final String DIVERSITY = "diversity";
    public static final String HISTORY_LIMIT = "history-limit";
    public static final String SEGMENT_TRAIT = "segment-trait";
    public static final String SEGMENT_SCORE = "segment-score";
    public static final String TRENDING_DAYS = "trending-days";
    public static final String TRENDING_HALF_LIFE_DAYS = "trending-half-life-days";
    public static final String POPULAR_PER_SEGMENT = "popular-per-segment";
    public static final String CHAMPION_CHECK_MILLIS = "champion-check-millis";
    public static final String EXACT_MAX_ITEMS = "exact-max-items";
    public static final String CATALOGUE_REFRESH_SECONDS = "catalogue-refresh-seconds";
    public static final String IMPRESSION_EVENT = "impression-event";
    public static final String CLICK_EVENT = "click-event";
    public static final String METRICS_DAYS = "metrics-days";
    public static final String AB_ENABLED = "ab-enabled";
    public static final String AB_NAME = "ab-name";
    public static final String AB_VARIANT_A = "ab-variant-a";
    public static final String AB_VARIANT_B = "ab-variant-b";
    public static final String AB_SHARE_B = "ab-share-b";
    public static final String AB_HOLDOUT = "ab-holdout";

    private ServingConfig() {
    }

    public static List<ConfigProperty> properties() {
        return List.of(
                ConfigProperty.of(EXCLUDE_SEEN, ConfigType.BOOLEAN, "true",
                        "Leave out items the user already interacted with (any weighted event), unless a request"
                                + " says otherwise"),
                ConfigProperty.of(BOOSTS, ConfigType.STRING, "",
                        "Default boosts, 'property=value:weight' separated by ';' (weight -1..1), e.g."
                                + " 'on_sale=true:0.2'"),
                ConfigProperty.of(MAX_PER_CATEGORY, ConfigType.INTEGER, "0",
                        "Default cap of items per category in one list (0: none)").between(0, 100),
                ConfigProperty.of(DIVERSITY, ConfigType.DECIMAL, "0",
                        "Default MMR diversity: 0 relevance only, up to 1").between(0, 1),
                ConfigProperty.of(HISTORY_LIMIT, ConfigType.INTEGER, "200",
                        "Latest history items a request reads for the user").between(1, 5000),
                ConfigProperty.of(SEGMENT_TRAIT, ConfigType.STRING, "segment",
                        "Profile trait naming the user's segment for cold start"),
                ConfigProperty.of(SEGMENT_SCORE, ConfigType.STRING, "behaviour.persona",
                        "Profile score whose 'label' names the segment when the trait is absent (the behaviour"
                                + " plugin's persona)"),
                ConfigProperty.of(TRENDING_DAYS, ConfigType.INTEGER, "14",
                        "Popular/trending lists read this many last days of events").between(1, 365),
                ConfigProperty.of(TRENDING_HALF_LIFE_DAYS, ConfigType.DECIMAL, "3",
                        "Trending: an event's weight halves every this many days (0: plain popularity)")
                        .between(0, 365),
                ConfigProperty.of(POPULAR_PER_SEGMENT, ConfigType.INTEGER, "200",
                        "Items kept per segment in the popular lists").between(10, 10000),
                ConfigProperty.of(CHAMPION_CHECK_MILLIS, ConfigType.INTEGER, "1000",
                        "How often serving asks the model lifecycle for a new champion").between(50, 600000),
                ConfigProperty.of(EXACT_MAX_ITEMS, ConfigType.INTEGER, "100000",
                        "Above this many items a model with embeddings is served through an HNSW index")
                        .between(100, 100000000),
                ConfigProperty.of(CATALOGUE_REFRESH_SECONDS, ConfigType.INTEGER, "10",
                        "How old the in-memory catalogue may get (changes on this node apply at once)")
                        .between(1, 3600),
                ConfigProperty.of(IMPRESSION_EVENT, ConfigType.STRING, "Recommendation Viewed",
                        "Event name of an impression (properties: recommendation_id, item_id, position)"),
                ConfigProperty.of(CLICK_EVENT, ConfigType.STRING, "Recommendation Clicked",
                        "Event name of a click on a recommended item"),
                ConfigProperty.of(METRICS_DAYS, ConfigType.INTEGER, "7",
                        "Days the feedback aggregation recomputes at each run").between(1, 90),
                ConfigProperty.of(AB_ENABLED, ConfigType.BOOLEAN, "false", "Split users between variants a and b"),
                ConfigProperty.of(AB_NAME, ConfigType.STRING, "ab-1",
                        "Experiment name: salts the user hash; a new name reshuffles users"),
                ConfigProperty.of(AB_VARIANT_A, ConfigType.STRING, "champion",
                        "Variant a: 'champion' or a model type (recommend.ease), optionally ';diversity=0.3'"
                                + " ';max-per-category=2'"),
                ConfigProperty.of(AB_VARIANT_B, ConfigType.STRING, "recommend.popularity",
                        "Variant b, same form as variant a"),
                ConfigProperty.of(AB_SHARE_B, ConfigType.INTEGER, "50",
                        "Percent of the users outside the holdout who get variant b").between(0, 100),
                ConfigProperty.of(AB_HOLDOUT, ConfigType.INTEGER, "10",
                        "Percent of users held out: they get the non-personalised popular list").between(0, 50));
    }

    /** The settings of {@link ServedModels} from the configuration. */
    public static ServedModels.Settings modelSettings(PluginConfig config) {
        return new ServedModels.Settings(config.getInt(CHAMPION_CHECK_MILLIS), config.getInt(EXACT_MAX_ITEMS),
                ServedModels.Settings.DEFAULT.links(), ServedModels.Settings.DEFAULT.efConstruction());
    }
}

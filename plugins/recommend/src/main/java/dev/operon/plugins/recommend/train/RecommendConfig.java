package dev.operon.plugins.recommend.train;

import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import java.util.List;

/** Configuration keys of training ({@code operon.plugin.recommend.<key>}). */
public final class RecommendConfig {

    /** Event name to weight, comma-separated {@code name=weight} pairs. */
    public static final String EVENT_WEIGHTS = "event-weights";
    /** Event properties that name the item, tried in order. */
    public static final String ITEM_PROPERTIES = "item-properties";
    /** Half-life of an interaction's weight, in days; 0 for no decay. */
    public static final String HALF_LIFE_DAYS = "half-life-days";
    /** How far back training reads events, in days. */
    public static final String WINDOW_DAYS = "training-window-days";
    /** Which model kinds the training task trains. */
    public static final String MODELS = "models";
    /** The largest item count EASE is trained for (its item-by-item matrix grows with the square). */
    public static final String EASE_MAX_ITEMS = "ease-max-items";

    private RecommendConfig() {
    }

    public static List<ConfigProperty> properties() {
        return List.of(
                ConfigProperty.of(EVENT_WEIGHTS, ConfigType.STRING,
                        "Product Viewed=1,Product Added=3,Order Completed=5",
                        "Implicit feedback: track event name = weight, comma-separated; other events are ignored"),
                ConfigProperty.of(ITEM_PROPERTIES, ConfigType.STRING, "product_id,item_id,sku",
                        "Event properties holding the item id, tried in order"),
                ConfigProperty.of(HALF_LIFE_DAYS, ConfigType.DECIMAL, "30",
                        "Time decay: an interaction's weight halves every this many days (0: no decay)")
                        .between(0, 3650),
                ConfigProperty.of(WINDOW_DAYS, ConfigType.INTEGER, "365",
                        "Training reads the events of this many last days").between(1, 3650),
                ConfigProperty.of(MODELS, ConfigType.STRING, "popularity,item-knn,bpr,ease,sasrec,rp3beta,blend",
                        "Model kinds the training task trains, comma-separated"),
                ConfigProperty.of(EASE_MAX_ITEMS, ConfigType.INTEGER, "8000",
                        "EASE and the blend (which holds an EASE) are skipped above this many items"
                                + " (EASE needs items x items x 8 bytes of memory)")
                        .between(10, 60000));
    }
}

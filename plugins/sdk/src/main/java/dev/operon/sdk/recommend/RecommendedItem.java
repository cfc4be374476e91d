package dev.operon.sdk.recommend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One recommended item. Since SDK 1.4.
 *
 * @param itemId     the item's id
 * @param title      its title from the recommender's catalogue, or null when the catalogue does not know it
 * @param category   its category, or null
 * @param price      its price, or null
 * @param score      how strongly it is recommended: comparable within one answer only
 * @param reason     why, for people: "because you viewed X", "popular right now"
 * @param properties the catalogue's free properties of the item (image, url, ...), possibly empty
 */
public record RecommendedItem(String itemId, String title, String category, Double price, double score,
                              String reason, Map<String, Object> properties) {

    public RecommendedItem {
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}

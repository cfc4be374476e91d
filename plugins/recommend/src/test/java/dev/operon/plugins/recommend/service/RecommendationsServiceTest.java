package dev.operon.plugins.recommend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Shop;
import dev.operon.plugins.recommend.serving.Recommendations;
import dev.operon.sdk.recommend.RecommendationRequest;
import dev.operon.sdk.recommend.RecommendedItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SDK's {@code Recommendations} service the plugin offers other plugins: the same list as
 * {@code preview-recommendations} (the champion with the plugin's filters), with the catalogue's price and
 * properties, for a profile id; nothing recorded; an unknown profile gets an empty list.
 */
class RecommendationsServiceTest {

    @Test
    void otherPluginsGetThePreviewListByProfileId() throws Exception {
        try (Shop shop = new Shop()) {
            for (int i = 0; i < 6; i++) {
                shop.items(Shop.item("i" + i, "shoes", Map.of("url", "https://shop.example/i" + i)));
            }
            shop.items(Shop.item("i1", "shoes", false));
            for (long u = 1; u <= 6; u++) {
                shop.user(u, Map.of());
                for (int i = 0; i < 7 - u; i++) {
                    shop.viewed(u, "i" + i, 10 + i);
                }
            }
            shop.trainPopularity(0.1);
            shop.user(42, Map.of());
            shop.viewed(42, "i0", 1);

            dev.operon.sdk.recommend.Recommendations service = shop.kit.services()
                    .find(dev.operon.sdk.recommend.Recommendations.class).orElseThrow();
            List<RecommendedItem> items = service.top(RecommendationRequest.of(42, 3));
            Recommendations preview = shop.kit.call("preview-recommendations", shop.recommendInput("user-42", 3));
            assertEquals(preview.items().stream().map(Recommendations.Recommended::itemId).toList(),
                    items.stream().map(RecommendedItem::itemId).toList());
            assertEquals(3, items.size());
            assertTrue(items.stream().noneMatch(i -> i.itemId().equals("i0")), "seen: " + items);
            assertTrue(items.stream().noneMatch(i -> i.itemId().equals("i1")), "unavailable: " + items);
            RecommendedItem first = items.get(0);
            assertEquals("Title " + first.itemId(), first.title());
            assertEquals(10.0, first.price());
            assertEquals("https://shop.example/" + first.itemId(), first.properties().get("url"));
            assertFalse(first.reason().isBlank());

            assertEquals(List.of("i4"), service.top(new RecommendationRequest(42, 1, List.of("i2", "i3"),
                    List.of())).stream().map(RecommendedItem::itemId).toList(), "exclusions apply");
            assertTrue(service.top(42_000, 3).isEmpty(), "an unknown profile");
            assertEquals(0, shop.kit.auditLog().stream().filter(a -> a.operation().equals("recommend")).count());
        }
    }
}

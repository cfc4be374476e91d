package dev.operon.plugins.recommend.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The catalogue in memory at one moment: immutable, shared by the requests served while it is current. Items absent
 * from it are unknown to the catalogue (the serving rules decide what that means).
 *
 * @param version increases with every reload on this node; caches derived from a catalogue key on it
 */
public record Catalog(long version, Map<String, Item> items) {

    public static final Catalog EMPTY = new Catalog(0, Map.of());

    public static Catalog of(long version, Collection<Item> items) {
        Map<String, Item> map = new HashMap<>(items.size() * 2);
        for (Item item : items) {
            map.put(item.itemId(), item);
        }
        return new Catalog(version, Map.copyOf(map));
    }

    public Item get(String itemId) {
        return items.get(itemId);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** How many items are available. */
    public long availableCount() {
        return items.values().stream().filter(Item::available).count();
    }
}

package dev.operon.plugins.recommend.serving;

import dev.operon.plugins.recommend.catalog.Catalog;
import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.plugins.recommend.model.IdIndex;
import java.util.HashMap;
import java.util.Map;

/**
 * The catalogue laid over one model's item indexes, so that per-request rules read arrays instead of maps: which
 * items may be recommended (in the catalogue and available; every item while the catalogue is empty), each item's
 * category as a small code, and the catalogue entry. Built once per model and catalogue version; immutable.
 */
public final class ItemTable {

    /** Category code of items without one. */
    public static final int NO_CATEGORY = -1;

    private final long catalogVersion;
    private final Item[] items;
    private final boolean[] recommendable;
    private final int[] category;
    private final Map<String, Integer> categoryCodes;

    private ItemTable(long catalogVersion, Item[] items, boolean[] recommendable, int[] category,
                      Map<String, Integer> categoryCodes) {
        this.catalogVersion = catalogVersion;
        this.items = items;
        this.recommendable = recommendable;
        this.category = category;
        this.categoryCodes = categoryCodes;
    }

    public static ItemTable of(IdIndex modelItems, Catalog catalog) {
        int n = modelItems.size();
        Item[] items = new Item[n];
        boolean[] ok = new boolean[n];
        int[] category = new int[n];
        Map<String, Integer> codes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Item item = catalog.get(modelItems.id(i));
            items[i] = item;
            ok[i] = catalog.isEmpty() || (item != null && item.available());
            String c = item == null ? null : item.category();
            category[i] = c == null ? NO_CATEGORY : codes.computeIfAbsent(c, k -> codes.size());
        }
        return new ItemTable(catalog.version(), items, ok, category, Map.copyOf(codes));
    }

    public long catalogVersion() {
        return catalogVersion;
    }

    /** The catalogue entry of model item {@code i}, or null when the catalogue has none. */
    public Item item(int i) {
        return items[i];
    }

    public boolean recommendable(int i) {
        return recommendable[i];
    }

    public int category(int i) {
        return category[i];
    }

    /** The code of a category name, or {@link #NO_CATEGORY} - 1 when no item has it. */
    public int categoryCode(String name) {
        Integer code = categoryCodes.get(name);
        return code == null ? NO_CATEGORY - 1 : code;
    }

    public int categoryCount() {
        return categoryCodes.size();
    }
}

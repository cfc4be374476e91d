package dev.operon.plugins.recommend.demo;

import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.plugins.recommend.catalog.ItemStore;
import dev.operon.sdk.demo.DemoContext;
import dev.operon.sdk.demo.DemoProduct;
import dev.operon.sdk.demo.DemoSeeder;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo shop's catalogue as the recommender's items: title, category and price from the shop, a few items out of
 * stock (so that the availability filter has something to do). The events already name these products, so the
 * training task the demo starts next learns from them.
 */
public final class RecommendDemo implements DemoSeeder {

    /** About one product in this many is out of stock. */
    static final int OUT_OF_STOCK_ONE_IN = 25;

    @Override
    public void seed(DemoContext context) throws SQLException {
        List<Item> items = new ArrayList<>();
        int unavailable = 0;
        for (DemoProduct p : context.catalogue()) {
            boolean available = context.random().nextInt(OUT_OF_STOCK_ONE_IN) != 0;
            unavailable += available ? 0 : 1;
            items.add(new Item(p.id(), p.name(), p.category(), p.price(), available, Map.of("demo", true), null));
        }
        new ItemStore(context.data()).upsertAll(items);
        context.log("recommend: " + items.size() + " catalogue items (" + unavailable + " out of stock)");
    }
}

package dev.operon.plugins.recommend.demo;

import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.plugins.recommend.catalog.ItemStore;
import dev.operon.plugins.recommend.serving.Recommendations;
import dev.operon.sdk.demo.DemoCalls;
import dev.operon.sdk.demo.DemoContext;
import dev.operon.sdk.demo.DemoProduct;
import dev.operon.sdk.demo.DemoSeeder;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo shop's catalogue as the recommender's items: title, category and price from the shop, a few items out of
 * stock (so that the availability filter has something to do). The events already name these products, so the
 * training task the demo starts next learns from them. Once it has, shoppers see their recommendations: a list is
 * served to each of them ({@code recommend}, recorded), seen ({@code feedback} impression), and now and then an item
 * of it is clicked, more often near the top, so the online panels (CTR, coverage) have data.
 */
public final class RecommendDemo implements DemoSeeder {

    /** About one product in this many is out of stock. */
    static final int OUT_OF_STOCK_ONE_IN = 25;
    /** How many shoppers are served a list, at most. */
    static final int SHOPPERS = 150;
    /** The length of a served list. */
    static final int LIST = 6;
    /** The chance that a shopper clicks the first item; the item at rank r is clicked with this over r. */
    static final double FIRST_CLICK = 0.2;

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
        List<String> shoppers = shoppers(context);
        Random random = context.random();
        context.afterSeeding("shoppers see their recommendations", calls -> {
            for (String user : shoppers) {
                see(calls, user, random);
            }
        });
        // the scheduled aggregation ran before the shoppers came: once more, so the online panels show them at once
        context.runAfterSeeding("recommend.feedback-aggregate", Map.of());
        context.log("recommend: " + items.size() + " catalogue items (" + unavailable + " out of stock); "
                + shoppers.size() + " shoppers to see recommendations after training");
    }

    /** Serves one shopper a list, records that it was seen, and maybe a click on one of its items. */
    private static void see(DemoCalls calls, String user, Random random) throws Exception {
        Recommendations served = calls.call("recommend", Map.of("user", user, "n", LIST));
        if (served.recommendationId() == null || served.items().isEmpty() || served.profileId() == null) {
            return;
        }
        calls.call("feedback", Map.of("recommendationId", served.recommendationId(), "type", "impression"));
        for (Recommendations.Recommended item : served.items()) {
            if (random.nextDouble() < FIRST_CLICK / item.rank()) {
                calls.call("feedback", Map.of("recommendationId", served.recommendationId(), "type", "click",
                        "itemId", item.itemId()));
                return;
            }
        }
    }

    /** Up to {@link #SHOPPERS} shop users with a user id, drawn with the demo's random source. */
    private static List<String> shoppers(DemoContext context) {
        List<String> users = new ArrayList<>(context.userIds());
        Collections.shuffle(users, context.random());
        return List.copyOf(users.subList(0, Math.min(SHOPPERS, users.size())));
    }
}

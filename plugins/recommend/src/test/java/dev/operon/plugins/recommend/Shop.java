package dev.operon.plugins.recommend;

import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.PopularityRecommender;
import dev.operon.plugins.recommend.model.RecommenderFiles;
import dev.operon.plugins.recommend.train.EventFeedback;
import dev.operon.plugins.recommend.train.EventWeights;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.testkit.PluginTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small shop for tests: the plugin in the test kit (its tables on the kit's PostgreSQL), profiles with events,
 * a catalogue, and popularity models trained from the events with the contract's own code.
 */
public final class Shop implements AutoCloseable {

    public final PluginTestKit kit;
    public final Instant now = Instant.now();

    public Shop() {
        this(Map.of());
    }

    public Shop(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(Map.of("champion-check-millis", "50"));
        all.putAll(config);
        kit = PluginTestKit.start(new RecommendPlugin(), all);
    }

    public Profile user(long id, Map<String, Object> traits) {
        return kit.profiles().add(id, "user-" + id, traits, ProfileFeatures.none(now));
    }

    /** A user who did not allow personalisation. */
    public Profile privateUser(long id) {
        return kit.profiles().put(new Profile(id, "user-" + id, List.of(), Map.of(), ProfileFeatures.none(now),
                new Consent(Map.of(Consent.ANALYTICS, true, Consent.PERSONALIZATION, false)), Map.of(), now, now));
    }

    public void viewed(long profile, String item, int hoursAgo) {
        kit.events().track(profile, "Product Viewed", now.minus(Duration.ofHours(hoursAgo)),
                Map.of("product_id", item));
    }

    public void bought(long profile, String item, int hoursAgo) {
        kit.events().track(profile, "Order Completed", now.minus(Duration.ofHours(hoursAgo)),
                Map.of("product_id", item));
    }

    public void items(Item... items) throws Exception {
        for (Item item : items) {
            kit.call("upsert-item", item);
        }
    }

    public static Item item(String id, String category, boolean available) {
        return new Item(id, "Title " + id, category, 10.0, available, Map.of(), null);
    }

    public static Item item(String id, String category, Map<String, Object> properties) {
        return new Item(id, "Title " + id, category, 10.0, true, properties, null);
    }

    /** Trains a popularity model on the events so far and registers it with this validation NDCG@10. */
    public void trainPopularity(double ndcg) throws Exception {
        EventFeedback feedback = new EventFeedback(EventWeights.parse("Product Viewed=1,Product Added=3,"
                + "Order Completed=5"), List.of("product_id"), Duration.ZERO);
        Interactions data = feedback.read(kit.events(), kit.profiles(), now.minus(Duration.ofDays(365)), now.plusSeconds(1));
        Path dir = Files.createTempDirectory("rec-popularity-");
        RecommenderFiles.save(PopularityRecommender.train(data), dir);
        kit.models().register(ModelDraft.of("recommend.popularity", dir, RecommenderFiles.MODEL_NAME)
                .validationMetric("ndcg@10", ndcg).build());
    }

    public Map<String, Object> recommendInput(String user, int n) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("user", user);
        in.put("n", n);
        return in;
    }

    @Override
    public void close() {
        kit.close();
    }
}

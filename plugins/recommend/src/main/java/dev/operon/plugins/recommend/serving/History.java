package dev.operon.plugins.recommend.serving;

import dev.operon.plugins.recommend.train.EventFeedback;
import dev.operon.plugins.recommend.train.EventWeights;
import dev.operon.plugins.recommend.train.RecommendConfig;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's item history as serving reads it: the profile's weighted track events (the same event-to-weight mapping
 * and item properties as training), oldest first, the latest {@code limit} only, with how the user met each item.
 *
 * @param items item ids, oldest first (an item met several times appears at its latest time)
 * @param verbs per item, a verb for reasons: {@code viewed}, {@code bought}, {@code added to your cart}
 */
public record History(List<String> items, List<String> verbs) {

    public static final History NONE = new History(List.of(), List.of());

    /** Reads the history of a profile. */
    public static History of(Events events, PluginConfig config, long profileId, int limit) {
        Map<String, Double> weights = EventWeights.parse(config.require(RecommendConfig.EVENT_WEIGHTS));
        List<String> properties = Arrays.stream(config.require(RecommendConfig.ITEM_PROPERTIES).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        EventFeedback feedback = new EventFeedback(weights, properties, Duration.ZERO);
        List<Event> read = new ArrayList<>();
        events.forEach(EventQuery.all().ofProfile(profileId).ofTypes("track")
                .named(weights.keySet().toArray(String[]::new)), read::add);
        read.sort(Comparator.comparing(Event::timestamp).thenComparingLong(Event::id));
        java.util.LinkedHashMap<String, String> latest = new java.util.LinkedHashMap<>();
        for (Event e : read) {
            String item = feedback.itemOf(e);
            if (item != null) {
                latest.remove(item);
                latest.put(item, verb(e.name()));
            }
        }
        List<String> items = new ArrayList<>(latest.keySet());
        List<String> verbs = new ArrayList<>(latest.values());
        int from = Math.max(0, items.size() - limit);
        return new History(List.copyOf(items.subList(from, items.size())),
                List.copyOf(verbs.subList(from, verbs.size())));
    }

    /** The same history with one more, latest item (the page the user is on), unless it is the latest already. */
    public History plus(String item, String verb) {
        if (item == null || item.isBlank()) {
            return this;
        }
        List<String> i = new ArrayList<>(items);
        List<String> v = new ArrayList<>(verbs);
        int at = i.indexOf(item);
        if (at >= 0) {
            i.remove(at);
            v.remove(at);
        }
        i.add(item);
        v.add(verb);
        return new History(List.copyOf(i), List.copyOf(v));
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** A verb for an event name: purchases are "bought", carts "added to your cart", anything else "viewed". */
    static String verb(String eventName) {
        String name = eventName == null ? "" : eventName.toLowerCase(Locale.ROOT);
        if (name.contains("order") || name.contains("purchas") || name.contains("bought") || name.contains("checkout")) {
            return "bought";
        }
        if (name.contains("cart") || name.contains("product added")) {
            return "added to your cart";
        }
        if (name.contains("rated") || name.contains("rating") || name.contains("review")) {
            return "rated";
        }
        return "viewed";
    }
}

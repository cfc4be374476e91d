package dev.operon.plugins.marketing.sending;

import dev.operon.sdk.recommend.RecommendationRequest;
import dev.operon.sdk.recommend.Recommendations;
import dev.operon.sdk.recommend.RecommendedItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What templates see as {@code recommendations}: {@code {#for item in recommendations.top(3)}{item.title}{/for}}
 * lists the items the recommendation service (SDK 1.4, offered by the recommend plugin) picks for the recipient.
 * Each item is a map with {@code itemId}, {@code title}, {@code category}, {@code price}, {@code score},
 * {@code reason} and {@code properties}. Without the service (no active plugin offers it) or when it fails, the
 * list is empty: a message never fails because of its recommendations, and a template can leave the block out with
 * {@code {#if recommendations.top(3)}}. The service is asked once per count and message, so the subject, text and
 * HTML of one message show the same items.
 */
public final class TemplateRecommendations {

    private final Optional<Recommendations> service;
    private final long profileId;
    private final Map<Integer, List<Map<String, Object>>> asked = new HashMap<>();
    private RuntimeException failure;

    public TemplateRecommendations(Optional<Recommendations> service, long profileId) {
        this.service = service;
        this.profileId = profileId;
    }

    /** The best {@code count} items for the recipient (1 to 100), or none. */
    public synchronized List<Map<String, Object>> top(int count) {
        int n = Math.max(1, Math.min(RecommendationRequest.MAX_COUNT, count));
        return asked.computeIfAbsent(n, this::ask);
    }

    /** The service's failure while rendering this message, if it failed (the items were left out). */
    public synchronized Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    private List<Map<String, Object>> ask(int n) {
        if (service.isEmpty()) {
            return List.of();
        }
        List<RecommendedItem> items;
        try {
            items = service.get().top(RecommendationRequest.of(profileId, n));
        } catch (RuntimeException e) {
            failure = e;
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecommendedItem item : items == null ? List.<RecommendedItem>of() : items) {
            if (out.size() == n) {
                break;
            }
            Map<String, Object> values = new HashMap<>();
            values.put("itemId", item.itemId());
            values.put("title", item.title() == null ? item.itemId() : item.title());
            values.put("category", item.category());
            values.put("price", item.price());
            values.put("score", item.score());
            values.put("reason", item.reason());
            values.put("properties", item.properties());
            out.add(values);
        }
        return List.copyOf(out);
    }
}

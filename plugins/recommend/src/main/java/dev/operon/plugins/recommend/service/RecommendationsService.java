package dev.operon.plugins.recommend.service;

import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.plugins.recommend.serving.RecommendInput;
import dev.operon.plugins.recommend.serving.RecommendService;
import dev.operon.plugins.recommend.serving.Recommendations.Recommended;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.recommend.RecommendationRequest;
import dev.operon.sdk.recommend.Recommendations;
import dev.operon.sdk.recommend.RecommendedItem;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDK's {@link Recommendations} service, offered to other plugins (a campaign e-mail's recommended items): the
 * same lists as {@code preview-recommendations}, from the champion (or the A/B variant's model) with the plugin's
 * business rules (seen and unavailable items left out, boosts, category cap, diversity, cold start by segment),
 * recorded nowhere. An unknown profile gets an empty list; a plugin not started yet answers empty too.
 */
public final class RecommendationsService implements Recommendations {

    private final RecommendService serving;
    private volatile ServiceCalls calls;

    public RecommendationsService(RecommendService serving) {
        this.serving = serving;
    }

    /** Called from the plugin's start: from then on the service answers. */
    public void start(PluginContext context) {
        this.calls = new ServiceCalls(context);
    }

    @Override
    public List<RecommendedItem> top(RecommendationRequest request) {
        ServiceCalls c = calls;
        if (c == null) {
            return List.of();
        }
        try {
            var profile = c.profiles().get(request.profileId());
            if (profile.isEmpty()) {
                return List.of();
            }
            RecommendInput input = new RecommendInput(Long.toString(request.profileId()), request.count(), null,
                    request.exclude(), request.categories(), null, null, null, null, null);
            List<RecommendedItem> out = new ArrayList<>();
            for (Recommended r : serving.preview(c, profile.get(), input).items()) {
                Item item = serving.item(c, r.itemId());
                out.add(new RecommendedItem(r.itemId(), r.title(), r.category(), item == null ? null : item.price(),
                        r.score(), r.reason(), item == null ? null : item.properties()));
            }
            return out;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("recommendations for profile " + request.profileId() + " failed: "
                    + e.getMessage(), e);
        }
    }
}

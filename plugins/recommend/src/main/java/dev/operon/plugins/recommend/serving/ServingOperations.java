package dev.operon.plugins.recommend.serving;

import dev.operon.sdk.operation.Operation;
import java.util.List;

/** {@code recommend} (recorded, audited), {@code preview-recommendations} (the try-it form) and {@code similar}. */
public final class ServingOperations {

    private ServingOperations() {
    }

    public static List<Operation<?, ?>> all(RecommendService service) {
        return List.of(
                Operation.action("recommend", "Recommend items to a user",
                        "Ranked items with scores and reasons for a user (user id, anonymous id or profile id):"
                                + " filters, boosts, diversity, A/B variant; popular items for new users. Records"
                                + " what was served: put the answer's recommendationId in impression and click"
                                + " events.", RecommendInput.class, Recommendations.class,
                        (c, in) -> service.recommend(c, in, true)),
                Operation.query("preview-recommendations", "Try it: recommendations for a user",
                        "What recommend would answer now, with reasons, without recording anything.",
                        RecommendInput.class, Recommendations.class, (c, in) -> service.recommend(c, in, false)),
                Operation.query("similar", "Similar items", "Items like one item by the champion's item similarity"
                        + " (or the first trained model that has one); unavailable items left out.",
                        SimilarInput.class, Recommendations.class, service::similar));
    }
}

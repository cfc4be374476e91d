package dev.operon.plugins.recommend.feedback;

import dev.operon.plugins.recommend.serving.ServingConfig;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code feedback}: records that a served list was shown (impression) or one of its items clicked, as a track event
 * of the user's profile carrying the recommendation id, so the feedback loop reads it like any other event. Apps
 * that send events themselves (through the ingestion API) do the same by putting {@code recommendation_id} in the
 * properties of events named by {@code impression-event} and {@code click-event}.
 */
public final class FeedbackOperations {

    private FeedbackOperations() {
    }

    /**
     * @param recommendationId the id {@code recommend} answered
     * @param type             {@code impression} or {@code click}
     * @param itemId           the clicked item (required for a click; must be in the list)
     */
    public record FeedbackInput(@NotBlank @Size(max = 64) String recommendationId,
                                @NotBlank @Pattern(regexp = "impression|click") String type,
                                @Size(max = 200) String itemId) {
    }

    /**
     * The event appended.
     *
     * @param messageId the event's message id
     * @param event     its name
     * @param position  the clicked item's rank (1 first), or null for an impression
     */
    public record FeedbackResult(String messageId, String event, Integer position) {
    }

    /** Property names of impression and click events. */
    public static final String RECOMMENDATION_ID = "recommendation_id";
    public static final String ITEM_ID = "item_id";
    public static final String POSITION = "position";

    public static List<Operation<?, ?>> all() {
        return List.of(Operation.action("feedback", "Record an impression or a click",
                "Appends a 'Recommendation Viewed' or 'Recommendation Clicked' event (names configurable) to the"
                        + " profile the recommendation was served to, with recommendation_id, item_id, position,"
                        + " model and variant.", FeedbackInput.class, FeedbackResult.class,
                FeedbackOperations::feedback));
    }

    private static FeedbackResult feedback(OperationContext c, FeedbackInput in) throws Exception {
        UUID id;
        try {
            id = UUID.fromString(in.recommendationId().strip());
        } catch (IllegalArgumentException e) {
            throw OperationException.invalid(List.of(new OperationException.FieldError("recommendationId",
                    "is not a recommendation id (a UUID)")));
        }
        ServedLog.Served served = new ServedLog(c.data()).find(id).orElseThrow(
                () -> OperationException.notFound("no recommendation " + id));
        if (served.profileId() == null) {
            throw new OperationException(409, "recommendation " + id + " was served to a user without a profile:"
                    + " there is no profile to record the event on");
        }
        boolean click = in.type().equals("click");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(RECOMMENDATION_ID, id.toString());
        properties.put("model", served.model());
        properties.put("variant", served.variant());
        Integer position = null;
        if (click) {
            if (in.itemId() == null || in.itemId().isBlank()) {
                throw OperationException.invalid(List.of(new OperationException.FieldError("itemId",
                        "a click names the clicked item")));
            }
            int at = served.items().indexOf(in.itemId().strip());
            if (at < 0) {
                throw OperationException.invalid(List.of(new OperationException.FieldError("itemId",
                        "item '" + in.itemId() + "' was not in recommendation " + id)));
            }
            position = at + 1;
            properties.put(ITEM_ID, in.itemId().strip());
            properties.put(POSITION, position);
        } else {
            properties.put("items", served.items().size());
        }
        String event = c.config().require(click ? ServingConfig.CLICK_EVENT : ServingConfig.IMPRESSION_EVENT);
        String messageId;
        try {
            messageId = c.events().track(served.profileId(), event, properties);
        } catch (IllegalArgumentException gone) {
            throw new OperationException(409, "the profile recommendation " + id + " was served to no longer exists");
        }
        c.audit(null, Map.of("event", event, "messageId", messageId, "recommendationId", id.toString()));
        return new FeedbackResult(messageId, event, position);
    }
}

package dev.operon.plugins.cs.conversations;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Records of the inbound path. */
public final class Inbound {

    private Inbound() {
    }

    /**
     * A customer's message, from the API or a generic webhook.
     *
     * @param channel        where it came from ({@code email}, {@code chat}, {@code whatsapp}, ...)
     * @param customerId     the customer's id in that channel; linked to the profile with that user or anonymous id
     * @param text           the message (personal data is masked before anything is stored)
     * @param language       ISO 639-1 code, detected from the text when absent
     * @param conversationId the conversation it continues; absent: the customer's open conversation on the channel,
     *                       or a new one
     * @param externalId     the sender's message id: a message already received with it is not processed twice
     */
    public record Message(@NotBlank @Size(max = 100) String channel, @NotBlank @Size(max = 200) String customerId,
                          @NotBlank String text, @Size(max = 10) String language, Long conversationId,
                          @Size(max = 200) String externalId) {
    }

    /**
     * What happened to a message.
     *
     * @param conversationId   the conversation
     * @param state            {@code bot} (answered automatically), {@code human} (handed off) or {@code resolved}
     * @param intent           the intent the model found, or null without a model
     * @param confidence       its confidence
     * @param modelVersion     the intent model version used, or null
     * @param sentiment        -1 to 1
     * @param angry            whether it reads as angry
     * @param urgent           whether it reads as urgent
     * @param reply            the automatic answer sent, or null
     * @param handoffReason    why a human was asked, or null
     * @param operator         the operator it is assigned to, or null
     * @param suggestedArticles articles for the operator (or the one sent)
     * @param duplicate        true when the external id was seen before and nothing was done
     */
    public record Result(long conversationId, String state, String intent, Double confidence, Integer modelVersion,
                         double sentiment, boolean angry, boolean urgent, String reply, String handoffReason,
                         String operator, List<Suggestion> suggestedArticles, boolean duplicate) {
    }

    /** An article suggested for a message. */
    public record Suggestion(long articleId, String title, String intent, double similarity) {
    }
}

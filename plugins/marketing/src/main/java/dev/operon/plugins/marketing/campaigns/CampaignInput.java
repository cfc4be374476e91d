package dev.operon.plugins.marketing.campaigns;

import dev.operon.sdk.operation.AllowedValues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A campaign as an operator writes it (create and update). See the README for each field.
 *
 * @param triggerDelay ISO-8601 duration between the trigger event and the message, such as {@code PT2H}
 * @param goalWindow   ISO-8601 duration, default {@code P7D}
 * @param target       {@code all} (default) or {@code positive-uplift}: only users the uplift model predicts to be
 *                     persuadable
 */
public record CampaignInput(@NotBlank @Size(max = 200) String name, @NotBlank String channel, String segmentId,
                            String audienceMode, @NotBlank String schedule, Instant sendAt, String cron,
                            String triggerEvent, String triggerDelay, String webhookUrl,
                            @Size(min = 1, max = 10) List<@Valid VariantInput> variants, Double holdoutPercent,
                            String allocation, String goalEvent, String goalWindow, Boolean autoWinner,
                            @AllowedValues({"all", "positive-uplift"}) String target) {

    /**
     * One message variant.
     *
     * @param weight relative share under fixed allocation, default 1
     */
    public record VariantInput(@NotBlank @Size(max = 40) String name, Double weight, String subject, String html,
                               String text) {
    }
}

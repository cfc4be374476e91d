package dev.operon.plugins.anomaly.alerts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Where a rule's incidents are told: a delivery channel of any active plugin and a recipient in its terms.
 *
 * @param channel   a channel id such as {@code notify.webhook} or {@code notify.email}
 * @param recipient a URL for a webhook, an address for e-mail
 * @param format    webhook payload format: {@code json} (default), {@code slack}, {@code feishu}, {@code dingtalk};
 *                  sent to the channel as the {@code X-Operon-Format} header
 */
public record Target(@NotBlank @Size(max = 100) String channel, @NotBlank @Size(max = 2000) String recipient,
                     @Pattern(regexp = "json|slack|feishu|dingtalk") String format) {

    public Target {
        format = format == null ? "json" : format;
    }
}

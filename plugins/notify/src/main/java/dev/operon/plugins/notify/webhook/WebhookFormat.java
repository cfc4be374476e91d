package dev.operon.plugins.notify.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The payload shapes {@code notify.webhook} can send. */
public enum WebhookFormat {
    /** Operon's own JSON: subject, text, html, idempotencyKey, sentAt. */
    JSON,
    /** Slack incoming webhook: {@code text}, with header and section blocks when there is a subject. */
    SLACK,
    /** Feishu / Lark custom bot: {@code msg_type: text}, signed when a secret is configured. */
    FEISHU,
    /** DingTalk custom robot: {@code msgtype: markdown} with a subject, {@code text} without; signed with a secret. */
    DINGTALK;

    /** The name used in headers and configuration. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code text} (any case), if any. */
    public static Optional<WebhookFormat> named(String text) {
        return text == null ? Optional.empty() : Arrays.stream(values())
                .filter(f -> f.id().equals(text.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}

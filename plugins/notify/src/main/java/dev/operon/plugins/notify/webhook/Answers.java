package dev.operon.plugins.notify.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.sdk.channel.Delivery;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * What a webhook's answer means. 2xx: delivered (for Feishu and DingTalk, whose bots answer 200 with an error code
 * in the body, only when that code is 0); 408, 429 and 5xx: may pass later, thrown; any other status: permanent.
 */
final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Feishu's "frequency limited" and DingTalk's "send too fast": rate limits, so worth retrying. */
    private static final Set<Long> RATE_LIMITED = Set.of(11232L, 130101L);
    private static final int DETAIL_MAX = 200;

    private Answers() {
    }

    /** The delivery, or an {@link IOException} for an answer worth retrying. */
    static Delivery interpret(WebhookFormat format, int status, String body, Optional<String> retryAfter)
            throws IOException {
        String detail = "HTTP " + status + (body.isBlank() ? "" : ": " + shorten(body));
        if (status == 408 || status == 429 || status >= 500) {
            throw new IOException("webhook answered " + detail
                    + retryAfter.map(r -> " (Retry-After: " + r + ")").orElse(""));
        }
        if (status < 200 || status > 299) {
            return Delivery.rejected(detail + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
        }
        Optional<Long> code = switch (format) {
            case FEISHU -> errorCode(body, "code");
            case DINGTALK -> errorCode(body, "errcode");
            default -> Optional.empty();
        };
        if (code.isPresent() && code.get() != 0) {
            if (RATE_LIMITED.contains(code.get())) {
                throw new IOException("webhook rate limit: " + detail);
            }
            return Delivery.rejected(detail);
        }
        return Delivery.ok(detail);
    }

    private static Optional<Long> errorCode(String body, String field) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.path(field).isIntegralNumber() ? Optional.of(node.path(field).asLong())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String shorten(String body) {
        String line = String.join(" ", body.strip().split("\\s*\\R\\s*"));
        return line.length() <= DETAIL_MAX ? line : line.substring(0, DETAIL_MAX) + "…";
    }
}

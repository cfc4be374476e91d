package dev.operon.sdk.channel;

import java.util.Map;
import java.util.Objects;

/**
 * A message to deliver.
 *
 * @param recipient      address in the channel's terms (e-mail address, URL, chat id)
 * @param subject        subject or title, may be null
 * @param text           plain-text body
 * @param html           HTML body, may be null
 * @param headers        channel-specific headers (e-mail headers, HTTP headers)
 * @param idempotencyKey the same key is never delivered twice by a channel that supports it
 */
public record Message(String recipient, String subject, String text, String html, Map<String, String> headers,
                      String idempotencyKey) {

    public Message {
        Objects.requireNonNull(recipient, "recipient");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}

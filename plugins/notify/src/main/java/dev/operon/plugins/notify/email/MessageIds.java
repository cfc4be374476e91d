package dev.operon.plugins.notify.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The Message-ID of a message with an idempotency key: the same key always gives the same id, so receivers (and
 * mail stores) can drop a message sent twice after a retry.
 */
final class MessageIds {

    /** Keys that are already a valid left part of a Message-ID (RFC 5322 dot-atom, a conservative subset). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_+=-]+(\\.[A-Za-z0-9_+=-]+)*");

    private MessageIds() {
    }

    /** {@code <key@domain>}, or {@code <sha256-HEX@domain>} for keys a Message-ID cannot hold as they are. */
    static String of(String idempotencyKey, String domain) {
        String left = idempotencyKey.length() <= 200 && PLAIN.matcher(idempotencyKey).matches() ? idempotencyKey
                : "sha256-" + sha256(idempotencyKey);
        return "<" + left + "@" + domain + ">";
    }

    /** A new unique Message-ID, for a message without an idempotency key. */
    static String random(String domain) {
        return "<" + java.util.UUID.randomUUID() + "@" + domain + ">";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package dev.operon.core.security;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an API key, {@code opk_<keyId>_<secret>}: the key id (12 hex characters) names the key and may be
 * shown anywhere; the secret (64 hex characters, 256 random bits) is shown once and stored only as its SHA-256.
 *
 * @param keyId  public identifier, the {@code key_id} column
 * @param secret the secret part
 */
record ApiKeyToken(String keyId, String secret) {

    static final String PREFIX = "opk_";
    private static final Pattern FORMAT = Pattern.compile("opk_([0-9a-f]{12})_([0-9a-f]{64})");

    static ApiKeyToken generate() {
        return new ApiKeyToken(Secrets.randomHex(6), Secrets.randomHex(32));
    }

    static Optional<ApiKeyToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text.trim());
        return matcher.matches() ? Optional.of(new ApiKeyToken(matcher.group(1), matcher.group(2)))
                : Optional.empty();
    }

    String text() {
        return PREFIX + keyId + "_" + secret;
    }

    String secretHash() {
        return Secrets.sha256Hex(secret);
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "ApiKeyToken[keyId=" + keyId + "]";
    }
}

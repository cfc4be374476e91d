package dev.operon.plugins.marketing.sending;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed unsubscribe tokens: {@code <profile-id>.<HMAC-SHA256 of it, base64url>}. Whoever holds the link can
 * unsubscribe that one user and nobody else; a changed or made-up token is refused.
 */
public final class Unsubscribe {

    private final byte[] key;
    private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(this::newMac);

    public Unsubscribe(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String token(long profileId) {
        return profileId + "." + sign(profileId);
    }

    /** The profile id of a valid token, empty for a malformed or forged one. */
    public OptionalLong verify(String token) {
        if (token == null) {
            return OptionalLong.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return OptionalLong.empty();
        }
        long id;
        try {
            id = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        byte[] expected = sign(id).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    /** The link for a profile: the configured base with the token as the {@code token} query parameter. */
    public String link(String base, long profileId) {
        return base + (base.contains("?") ? "&" : "?") + "token=" + token(profileId);
    }

    private String sign(long profileId) {
        byte[] tag = mac.get().doFinal(("unsubscribe:" + profileId).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    }

    /** A keyed MAC per thread, made once: no provider look-up and key set-up per link. */
    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

package dev.operon.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets and digests used by passwords and API keys. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String randomHex(int bytes) {
        return HexFormat.of().formatHex(randomBytes(bytes));
    }

    /** 24 URL-safe characters (144 random bits): a password nobody has to invent. */
    static String newPassword() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}

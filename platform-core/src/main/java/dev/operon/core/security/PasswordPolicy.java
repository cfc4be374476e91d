package dev.operon.core.security;

import dev.operon.core.api.ApiException;
import java.nio.charset.StandardCharsets;

/** What an operator password must be: long enough, and short enough for bcrypt not to ignore its end. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    /** bcrypt reads only the first 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    /** A new random password that meets the policy: 24 URL-safe characters, 144 random bits. */
    public static String generate() {
        return Secrets.newPassword();
    }

    /** Throws a 422 naming {@code field} when {@code password} breaks the policy. */
    public static void check(String field, String password) {
        if (password == null || password.isEmpty()) {
            throw ApiException.invalid(field, "is required");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ApiException.invalid(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiException.invalid(field, "must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
        if (password.isBlank()) {
            throw ApiException.invalid(field, "must not be only spaces");
        }
    }
}

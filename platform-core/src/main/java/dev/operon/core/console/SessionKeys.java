package dev.operon.core.console;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The console's cookie cryptography: AES-GCM for the session cookie (confidential and tamper-evident) and HMAC-SHA256
 * for CSRF tokens, two keys derived from {@code operon.core.console.session-key} (or a random secret per start).
 */
@ApplicationScoped
public class SessionKeys {

    private static final Logger LOG = Logger.getLogger(SessionKeys.class);
    private static final int IV_BYTES = 12;

    @Inject
    ConsoleConfig config;

    private final SecureRandom random = new SecureRandom();
    private SecretKeySpec encryption;
    private SecretKeySpec signing;

    @PostConstruct
    void derive() {
        byte[] secret;
        Optional<String> configured = config.sessionKey().filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            secret = configured.get().getBytes(StandardCharsets.UTF_8);
        } else {
            secret = new byte[32];
            random.nextBytes(secret);
            LOG.debug("operon.core.console.session-key is not set: console sessions last until this node restarts");
        }
        encryption = new SecretKeySpec(derive(secret, "operon-console-session"), "AES");
        signing = new SecretKeySpec(derive(secret, "operon-console-csrf"), "HmacSHA256");
    }

    private static byte[] derive(byte[] secret, String purpose) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(purpose.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return digest.digest(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random URL-safe id of 128 bits. */
    public String randomId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String seal(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a session cookie", e);
        }
    }

    /** The plain text, or empty when the value was not sealed with this key (or was changed). */
    Optional<String> open(String sealed) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed);
            if (bytes.length <= IV_BYTES + 16) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(128, bytes, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(signing);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of a submitted token with the expected one. */
    boolean matches(String expected, String submitted) {
        return submitted != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.operon.plugins.notify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signatures webhook receivers check, each as its platform documents it. */
final class Signatures {

    private Signatures() {
    }

    /**
     * Feishu / Lark custom bot: HMAC-SHA256 keyed with {@code timestamp + "\n" + secret} over an empty message,
     * Base64; {@code timestamp} in seconds, sent in the body next to the signature.
     */
    static String feishu(String secret, long epochSeconds) {
        return Base64.getEncoder().encodeToString(hmac((epochSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8),
                new byte[0]));
    }

    /**
     * DingTalk custom robot: HMAC-SHA256 keyed with the secret over {@code timestamp + "\n" + secret}, Base64 (the
     * caller URL-encodes it into the {@code sign} query parameter); {@code timestamp} in milliseconds.
     */
    static String dingTalk(String secret, long epochMillis) {
        return Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
                (epochMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Operon's generic JSON: hex HMAC-SHA256 keyed with the secret over {@code timestamp + "." + body}, sent as
     * {@code X-Operon-Signature: sha256=<hex>} with {@code X-Operon-Timestamp} (seconds).
     */
    static String json(String secret, long epochSeconds, byte[] body) {
        byte[] prefix = (epochSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), signed));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}

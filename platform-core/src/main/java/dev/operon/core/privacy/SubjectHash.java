package dev.operon.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The pseudonym of an end-user id kept after an erasure (audit records, the suppression list): SHA-256 of a fixed
 * prefix and the id. It lets the platform recognise the id when it comes back without storing it; it is not
 * anonymisation (an id that can be guessed can be checked), which is why it is used for nothing else.
 */
public final class SubjectHash {

    private static final String PREFIX = "operon-subject:";

    private SubjectHash() {
    }

    public static String of(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((PREFIX + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

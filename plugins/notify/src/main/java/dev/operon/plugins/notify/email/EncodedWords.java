package dev.operon.plugins.notify.email;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A header value as RFC 2047 encoded words ({@code =?UTF-8?B?...?=}), each at most 75 characters and never splitting
 * a character, folded one word per line (a continuation line is a space and one word: 73 characters). Written here rather than with Jakarta Mail's {@code MimeUtility}, which looks
 * its stream provider up through the {@code ServiceLoader} on every call (a class-path scan per message).
 */
final class EncodedWords {

    /** UTF-8 bytes per word: 45 bytes are 60 base64 characters, 72 with {@code =?UTF-8?B?} and {@code ?=}. */
    private static final int BYTES_PER_WORD = 45;

    private EncodedWords() {
    }

    /**
     * @param used characters already on the first line ({@code "Subject: "}): the first word is shorter so that the
     *             line stays within 76 characters, as RFC 2047 asks
     */
    static String of(String value, int used) {
        StringBuilder out = new StringBuilder();
        int start = 0;
        int budget = Math.max(3, Math.min(BYTES_PER_WORD, (76 - used - 12) / 4 * 3));
        while (start < value.length()) {
            int end = start;
            int bytes = 0;
            while (end < value.length()) {
                int cp = value.codePointAt(end);
                int size = utf8Length(cp);
                if (bytes + size > budget && end > start) {
                    break;
                }
                bytes += size;
                end += Character.charCount(cp);
            }
            if (out.length() > 0) {
                out.append("\r\n ");
            }
            out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(
                    value.substring(start, end).getBytes(StandardCharsets.UTF_8))).append("?=");
            start = end;
            budget = BYTES_PER_WORD;
        }
        return out.toString();
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}

package dev.operon.core.ingest;

/**
 * What PostgreSQL cannot store as UTF-8 text or jsonb besides NUL: unpaired UTF-16 surrogates. A Java string with
 * one would be stored as {@code ?} (silently changed); JSON text with an unpaired {@code \\uD8xx} escape makes the
 * jsonb input fail, and with it the whole write. Both are refused as bad input instead.
 */
final class StorableText {

    private StorableText() {
    }

    /** True when the string holds a surrogate character without its pair. */
    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when JSON text holds an unpaired surrogate, as a character or as a {@code \\u} escape (an escaped
     * backslash followed by {@code u} is plain text, not an escape).
     */
    static boolean jsonHasLoneSurrogate(String json) {
        if (hasLoneSurrogate(json)) {
            return true;
        }
        int n = json.length();
        for (int i = 0; i < n; i++) {
            if (json.charAt(i) != '\\' || i + 1 >= n) {
                continue;
            }
            if (json.charAt(i + 1) != 'u' || i + 5 >= n) {
                i++;
                continue;
            }
            int code = hex(json, i + 2);
            if (code >= 0xDC00 && code <= 0xDFFF) {
                return true;
            }
            if (code >= 0xD800 && code <= 0xDBFF) {
                boolean paired = i + 11 < n && json.charAt(i + 6) == '\\' && json.charAt(i + 7) == 'u'
                        && hex(json, i + 8) >= 0xDC00 && hex(json, i + 8) <= 0xDFFF;
                if (!paired) {
                    return true;
                }
                i += 11;
            } else {
                i += 5;
            }
        }
        return false;
    }

    private static int hex(String text, int from) {
        try {
            return Integer.parseInt(text.substring(from, from + 4), 16);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return -1;
        }
    }
}

package dev.operon.core.ingest;

/**
 * What PostgreSQL cannot store as UTF-8 text or jsonb besides NUL: unpaired UTF-16 surrogates. A Java string with
 * one would be stored as {@code ?} (silently changed); JSON text with an unpaired {@code \\uD8xx} escape makes the
 * jsonb input fail, and with it the whole write. Both are refused as bad input instead. Likewise JSON numbers beyond
 * PostgreSQL's {@code numeric} (jsonb keeps numbers as {@code numeric}), such as {@code 1e999999}.
 */
final class StorableText {

    /** Older PostgreSQL versions refuse a larger exponent in numeric input; newer ones accept more, so this is safe. */
    private static final int MAX_EXPONENT = 1000;
    /** numeric's largest weight, 32,767 base-10,000 digits before the decimal point. */
    private static final long MAX_INTEGER_DIGITS = 131_072;
    /** numeric's largest display scale. */
    private static final long MAX_FRACTION_DIGITS = 16_383;

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

    /**
     * True when JSON text (well-formed, as the request parser read it) holds a number PostgreSQL's {@code numeric}
     * cannot take: an exponent beyond ±1000, or more digits before or after the decimal point than it keeps.
     */
    static boolean jsonHasUnstorableNumber(String json) {
        int n = json.length();
        boolean inString = false;
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int end = i + 1;
                while (end < n && "+-.eE0123456789".indexOf(json.charAt(end)) >= 0) {
                    end++;
                }
                if (!storableNumber(json.substring(i, end))) {
                    return true;
                }
                i = end - 1;
            }
        }
        return false;
    }

    private static boolean storableNumber(String literal) {
        int e = Math.max(literal.indexOf('e'), literal.indexOf('E'));
        String mantissa = e < 0 ? literal : literal.substring(0, e);
        long exponent = 0;
        if (e >= 0) {
            String digits = literal.substring(e + 1).replace("+", "").replace("-", "");
            if (digits.length() > 6) {
                return false;
            }
            exponent = digits.isEmpty() ? 0 : Long.parseLong(digits);
            if (exponent > MAX_EXPONENT) {
                return false;
            }
            if (literal.indexOf('-', e) > e) {
                exponent = -exponent;
            }
        }
        String unsigned = mantissa.startsWith("-") ? mantissa.substring(1) : mantissa;
        int point = unsigned.indexOf('.');
        String integer = (point < 0 ? unsigned : unsigned.substring(0, point)).replaceFirst("^0+", "");
        long fraction = point < 0 ? 0 : unsigned.length() - point - 1;
        return integer.length() + exponent <= MAX_INTEGER_DIGITS && fraction - exponent <= MAX_FRACTION_DIGITS;
    }
}

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

    /** The four hex digits at {@code from} as a number, or -1 when they are not four hex digits. */
    private static int hex(String text, int from) {
        if (from + 4 > text.length()) {
            return -1;
        }
        int code = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            code = code * 16 + digit;
        }
        return code;
    }

    /** What keeps a JSON text from being stored as jsonb, in the order a caller reports it. */
    enum JsonProblem { NONE, NUL, LONE_SURROGATE, UNSTORABLE_NUMBER }

    /**
     * The three checks of JSON text in one pass without allocating (the batch path runs them on every event's
     * objects): a NUL character written as {@code \\u0000} inside a string, an unpaired surrogate (as a character
     * or an escape), a number {@code numeric} cannot take. Reports NUL before surrogates before numbers, as
     * {@link SegmentEvents} always did. An escaped backslash followed by {@code u0000} is plain text, not NUL.
     */
    static JsonProblem jsonProblem(String json) {
        boolean nul = false;
        boolean surrogate = false;
        boolean number = false;
        boolean inString = false;
        int n = json.length();
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(json.charAt(i + 1))) {
                    i++;
                } else {
                    surrogate = true;
                }
            } else if (inString) {
                if (c == '"') {
                    inString = false;
                } else if (c == '\\') {
                    if (i + 5 < n && json.charAt(i + 1) == 'u') {
                        int code = hex(json, i + 2);
                        if (code == 0) {
                            nul = true;
                        } else if (code >= 0xDC00 && code <= 0xDFFF) {
                            surrogate = true;
                        } else if (code >= 0xD800 && code <= 0xDBFF) {
                            int low = i + 11 < n && json.charAt(i + 6) == '\\' && json.charAt(i + 7) == 'u'
                                    ? hex(json, i + 8) : -1;
                            if (low >= 0xDC00 && low <= 0xDFFF) {
                                i += 6;
                            } else {
                                surrogate = true;
                            }
                        }
                        i += 5;
                    } else {
                        i++;
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int end = numberEnd(json, i + 1);
                if (!storableNumber(json, i, end)) {
                    number = true;
                }
                i = end - 1;
            }
        }
        return nul ? JsonProblem.NUL : surrogate ? JsonProblem.LONE_SURROGATE
                : number ? JsonProblem.UNSTORABLE_NUMBER : JsonProblem.NONE;
    }

    private static int numberEnd(String json, int from) {
        int end = from;
        while (end < json.length() && isNumberChar(json.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
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
                int end = numberEnd(json, i + 1);
                if (!storableNumber(json, i, end)) {
                    return true;
                }
                i = end - 1;
            }
        }
        return false;
    }

    /** Whether the number literal {@code json[from, to)} fits {@code numeric}; reads it in place. */
    private static boolean storableNumber(String json, int from, int to) {
        int e = -1;
        for (int i = from; i < to; i++) {
            char c = json.charAt(i);
            if (c == 'e' || c == 'E') {
                e = i;
            }
        }
        long exponent = 0;
        int mantissaEnd = to;
        if (e >= 0) {
            mantissaEnd = e;
            int digits = 0;
            boolean negative = false;
            for (int i = e + 1; i < to; i++) {
                char c = json.charAt(i);
                if (c == '-') {
                    negative = true;
                } else if (c >= '0' && c <= '9') {
                    if (++digits > 6) {
                        return false;
                    }
                    exponent = exponent * 10 + (c - '0');
                }
            }
            if (exponent > MAX_EXPONENT) {
                return false;
            }
            if (negative) {
                exponent = -exponent;
            }
        }
        int start = from < mantissaEnd && json.charAt(from) == '-' ? from + 1 : from;
        int point = -1;
        for (int i = start; i < mantissaEnd; i++) {
            if (json.charAt(i) == '.') {
                point = i;
                break;
            }
        }
        int integerEnd = point < 0 ? mantissaEnd : point;
        int firstNonZero = start;
        while (firstNonZero < integerEnd && json.charAt(firstNonZero) == '0') {
            firstNonZero++;
        }
        long integer = integerEnd - firstNonZero;
        long fraction = point < 0 ? 0 : mantissaEnd - point - 1;
        return integer + exponent <= MAX_INTEGER_DIGITS && fraction - exponent <= MAX_FRACTION_DIGITS;
    }
}

package dev.operon.plugins.cs.understanding;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in free text before it is stored, logged or encoded: e-mail addresses ({@code [email]}), card
 * numbers of 13 to 19 digits that pass the Luhn check ({@code [card]}) and phone numbers of 7 to 15 digits
 * ({@code [phone]}). Dates and money amounts are left alone; a long digit run that fails the Luhn check is masked as
 * a phone number when it has at most 15 digits (over-masking is the safe side).
 */
public final class PiiRedactor {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    // digits with single spaces or dashes between groups
    private static final Pattern CARD = Pattern.compile("(?<![\\d])\\d(?:[ -]?\\d){12,18}(?![\\d])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:\\+|00)?\\(?\\d[\\d ().-]{5,}\\d(?![\\w])");
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}");
    private static final Pattern AMOUNT = Pattern.compile("\\d+[.,]\\d{2}");

    private PiiRedactor() {
    }

    /** The text with personal data masked. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = EMAIL.matcher(text).replaceAll("[email]");
        out = replace(CARD, out, m -> luhn(m.group()) ? "[card]" : null);
        out = replace(PHONE, out, m -> {
            String candidate = m.group().strip();
            if (DATE.matcher(candidate).matches() || AMOUNT.matcher(candidate).matches()) {
                return null;
            }
            int digits = (int) candidate.chars().filter(Character::isDigit).count();
            return digits >= 7 && digits <= 15 ? "[phone]" : null;
        });
        return out;
    }

    /** {@link #redact} of each text, in order. */
    public static List<String> redactAll(List<String> texts) {
        return texts.stream().map(PiiRedactor::redact).toList();
    }

    /** True when the text contains something {@link #redact} would mask. */
    public static boolean containsPii(String text) {
        return text != null && !redact(text).equals(text);
    }

    private interface Replacement {
        String of(Matcher match);
    }

    private static String replace(Pattern pattern, String text, Replacement replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String masked = replacement.of(m);
            if (masked == null) {
                continue;
            }
            out.append(text, last, m.start()).append(masked);
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /** The Luhn checksum of the digits in {@code number}. */
    static boolean luhn(String number) {
        int sum = 0;
        boolean doubled = false;
        int count = 0;
        for (int i = number.length() - 1; i >= 0; i--) {
            char c = number.charAt(i);
            if (!Character.isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
            count++;
        }
        return count >= 13 && sum % 10 == 0;
    }
}

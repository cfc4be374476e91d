package dev.operon.plugins.cs.understanding;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sentiment and urgency of a message from word lists (English and Chinese) and typographic cues: exclamation marks,
 * words in capitals, repeated question marks. A first, explainable version: no trained model.
 *
 * @param sentiment from -1 (very negative) to 1 (very positive)
 * @param angry     negative enough, or shouted, that no bot should answer
 * @param urgent    asks for immediate action or reports fraud, theft or a blocked account
 */
public record MessageSignals(double sentiment, boolean angry, boolean urgent) {

    private static final List<String> NEGATIVE = List.of("angry", "furious", "terrible", "awful", "horrible",
            "worst", "ridiculous", "unacceptable", "disgusting", "useless", "scam", "hate", "annoyed", "frustrated",
            "disappointed", "pathetic", "incompetent", "rubbish", "joke", "complain", "complaint", "sue", "lawyer",
            "never again", "fed up", "wtf", "damn", "stupid",
            "生气", "愤怒", "垃圾", "太差", "投诉", "骗子", "失望", "气死", "恶心", "什么破", "差劲", "无语", "烦");
    private static final List<String> POSITIVE = List.of("thank", "thanks", "great", "good", "love", "awesome",
            "excellent", "perfect", "happy", "appreciate", "helpful", "wonderful",
            "谢谢", "感谢", "很好", "满意", "太好了", "棒", "不错");
    private static final List<String> URGENT = List.of("urgent", "urgently", "asap", "immediately", "right now",
            "right away", "emergency", "as soon as possible", "stolen", "fraud", "hacked", "unauthorized",
            "unauthorised", "someone used my", "locked out", "blocked",
            "紧急", "马上", "立刻", "立即", "尽快", "被盗", "盗刷", "诈骗", "急");
    private static final Pattern SHOUTED = Pattern.compile("\\b[A-Z]{3,}\\b");

    /** The signals of {@code text}. */
    public static MessageSignals of(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int negative = count(lower, NEGATIVE);
        int positive = count(lower, POSITIVE);
        long exclamations = text.chars().filter(c -> c == '!' || c == '！').count();
        long shouted = SHOUTED.matcher(text).results().filter(m -> !isAcronym(m.group())).count();
        double raw = positive - negative - (exclamations >= 2 ? 1 : 0) - (shouted >= 2 ? 1 : 0);
        double sentiment = Math.max(-1, Math.min(1, raw / 3.0));
        boolean angry = negative >= 2 || (negative >= 1 && (exclamations >= 2 || shouted >= 2)) || shouted >= 4;
        boolean urgent = count(lower, URGENT) > 0 || lower.contains("!!!") && negative > 0;
        return new MessageSignals(sentiment, angry, urgent);
    }

    private static boolean isAcronym(String word) {
        return word.length() <= 4 && List.of("ATM", "PIN", "SEPA", "IBAN", "SWIFT", "USD", "EUR", "GBP", "CVV", "OTP",
                "SMS", "API", "URL").contains(word);
    }

    private static int count(String lower, List<String> words) {
        int n = 0;
        for (String w : words) {
            if (w.chars().allMatch(c -> c < 128 && Character.isLetter(c))) {
                if (Pattern.compile("\\b" + Pattern.quote(w)).matcher(lower).find()) {
                    n++;
                }
            } else if (lower.contains(w)) {
                n++;
            }
        }
        return n;
    }
}

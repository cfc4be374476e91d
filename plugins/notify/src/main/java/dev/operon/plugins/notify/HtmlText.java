package dev.operon.plugins.notify;

import java.util.regex.Pattern;

/** A rough plain-text rendering of HTML, for a message that has only HTML and needs a text alternative. */
public final class HtmlText {

    private static final Pattern BLOCK_END = Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/h[1-6]|/tr)\\b[^>]*>");
    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private HtmlText() {
    }

    public static String of(String html) {
        String text = HIDDEN.matcher(html).replaceAll("");
        text = BLOCK_END.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
}

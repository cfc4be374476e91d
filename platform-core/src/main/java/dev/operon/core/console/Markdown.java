package dev.operon.core.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small Markdown subset of panel text widgets, as safe HTML: everything is escaped first, then paragraphs,
 * {@code **bold**}, {@code *emphasis*} and {@code `code`} are turned into tags. No links, images or raw HTML.
 */
final class Markdown {

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern EMPHASIS = Pattern.compile("\\*(.+?)\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private Markdown() {
    }

    static String toHtml(String markdown) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : (markdown == null ? "" : markdown).split("\\n\\s*\\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            String text = escape(paragraph.strip());
            text = replace(CODE, text, "<code>", "</code>");
            text = replace(BOLD, text, "<strong>", "</strong>");
            text = replace(EMPHASIS, text, "<em>", "</em>");
            html.append("<p>").append(text).append("</p>");
        }
        return html.toString();
    }

    private static String replace(Pattern pattern, String text, String open, String close) {
        Matcher matcher = pattern.matcher(text);
        return matcher.replaceAll(m -> Matcher.quoteReplacement(open + m.group(1) + close));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

package dev.operon.plugins.cs.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Markdown document into articles: each level-1 or level-2 heading ({@code # Title}, {@code ## Title})
 * starts one, its text runs to the next such heading. An optional line {@code intent: <label>} right under the
 * heading names the intent the article answers. Text before the first heading is ignored.
 */
public final class MarkdownArticles {

    /** One article parsed from Markdown. */
    public record Parsed(String title, String body, String intent) {
    }

    private MarkdownArticles() {
    }

    public static List<Parsed> parse(String markdown) {
        List<Parsed> out = new ArrayList<>();
        String title = null;
        String intent = null;
        StringBuilder body = new StringBuilder();
        boolean inFence = false;
        for (String line : markdown.split("\\R", -1)) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            boolean heading = !inFence && (line.startsWith("# ") || line.startsWith("## "));
            if (heading) {
                add(out, title, body, intent);
                title = line.substring(line.indexOf(' ') + 1).strip();
                intent = null;
                body.setLength(0);
                continue;
            }
            if (title != null && body.toString().isBlank() && intent == null
                    && line.strip().toLowerCase(java.util.Locale.ROOT).startsWith("intent:")) {
                intent = line.strip().substring("intent:".length()).strip();
                continue;
            }
            if (title != null) {
                body.append(line).append('\n');
            }
        }
        add(out, title, body, intent);
        return out;
    }

    private static void add(List<Parsed> out, String title, StringBuilder body, String intent) {
        if (title != null && !title.isEmpty() && !body.toString().isBlank()) {
            out.add(new Parsed(title, body.toString().strip(), intent == null || intent.isEmpty() ? null : intent));
        }
    }
}

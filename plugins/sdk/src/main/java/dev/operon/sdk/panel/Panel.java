package dev.operon.sdk.panel;

import java.util.List;
import java.util.Objects;

/**
 * A console page of a plugin, declared as data: the console renders its widgets, bound to the plugin's operations
 * and tasks, with the platform's look, paging, sorting and permissions. Its text (titles, column headings, units,
 * empty hints, text blocks) is English; the console shows a plugin's own translation of it when the plugin's jar
 * holds {@code META-INF/operon/i18n/<plugin id>.<language>.json}, a JSON object from each English text to its
 * translation ({@code zh-CN} today; see the plugin authoring guide).
 *
 * @param id      kebab-case id within the plugin
 * @param title   the page's title
 * @param widgets what the page shows, top to bottom
 */
public record Panel(String id, String title, List<Widget> widgets) {

    public Panel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        widgets = List.copyOf(widgets);
    }

    public static Panel of(String id, String title, Widget... widgets) {
        return new Panel(id, title, List.of(widgets));
    }
}

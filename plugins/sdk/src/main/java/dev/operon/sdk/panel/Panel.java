package dev.operon.sdk.panel;

import java.util.List;
import java.util.Objects;

/**
 * A console page of a plugin, declared as data: the console renders its widgets, bound to the plugin's operations
 * and tasks, with the platform's look, paging, sorting, permissions and translations.
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

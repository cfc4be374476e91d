package dev.operon.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Every table and chart of the built-in plugins' panels says, while it is empty, what is missing and what fills it,
 * instead of the console's generic "nothing to show yet".
 */
class BuiltInPanelHintsTest {

    @Test
    void everyBuiltInTableAndChartSaysWhatFillsIt() {
        List<String> plugins = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (OperonPlugin plugin : ServiceLoader.load(OperonPlugin.class)) {
            if (!plugin.getClass().getName().startsWith("dev.operon.plugins.")) {
                continue;
            }
            plugins.add(plugin.getClass().getSimpleName());
            for (Panel panel : plugin.panels()) {
                for (Widget widget : panel.widgets()) {
                    String hint = widget instanceof Widget.Table t ? t.emptyHint()
                            : widget instanceof Widget.TimeSeries s ? s.emptyHint() : "n/a";
                    if (hint == null || hint.isBlank()) {
                        silent.add(plugin.getClass().getSimpleName() + " / " + panel.id() + " / " + title(widget));
                    }
                }
            }
        }
        assertThat(plugins).hasSizeGreaterThanOrEqualTo(6);
        assertThat(silent).as("tables and charts with no empty-state hint").isEmpty();
    }

    private static String title(Widget widget) {
        return widget instanceof Widget.Table t ? t.title() : ((Widget.TimeSeries) widget).title();
    }
}

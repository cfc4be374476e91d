package dev.operon.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A plugin's own translation of its panel text into one console language: a JSON object in the plugin's jar at
 * {@code META-INF/operon/i18n/<plugin id>.<language>.json} (for example {@code behaviour.zh-CN.json}) that maps each
 * English text the plugin declares (panel and widget titles, column headings, units, empty-table hints, text blocks)
 * to its translation. Text without an entry stays English; a file that cannot be read is ignored with a warning, so a
 * bad translation never breaks a page. English needs no file.
 */
final class PanelText {

    private static final Logger LOG = Logger.getLogger(PanelText.class);
    static final PanelText ENGLISH = new PanelText(Map.of());

    private final Map<String, String> words;

    PanelText(Map<String, String> words) {
        this.words = Map.copyOf(words);
    }

    /** Where a plugin keeps its translation into {@code language}. */
    static String resource(String pluginId, String language) {
        return "META-INF/operon/i18n/" + pluginId + "." + language + ".json";
    }

    /** The translation of an installed plugin; {@link #ENGLISH} when it is unknown or has none. */
    static PanelText forPlugin(PluginRegistry registry, String pluginId, String language) {
        return registry.find(pluginId).map(entry -> load(entry.codeLoader(), pluginId, language)).orElse(ENGLISH);
    }

    /** The translation of the plugin that declares task type {@code typeId} ({@code <plugin id>.<name>}). */
    static PanelText forTaskType(PluginRegistry registry, String typeId, String language) {
        int dot = typeId.indexOf('.');
        return forPlugin(registry, dot < 0 ? typeId : typeId.substring(0, dot), language);
    }

    /** The fields with their labels in this translation. */
    List<SchemaForm.Field> labels(List<SchemaForm.Field> fields) {
        return words.isEmpty() ? fields : fields.stream().map(field -> field.withLabel(t(field.label()))).toList();
    }

    /** The plugin's translation into {@code language} from its class loader; {@link #ENGLISH} when it has none. */
    static PanelText load(ClassLoader loader, String pluginId, String language) {
        if (I18n.ENGLISH.equals(language)) {
            return ENGLISH;
        }
        String name = resource(pluginId, language);
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? ENGLISH : new PanelText(read(Charts.JSON.readTree(in), name));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("plugin '%s': its panel text %s is ignored: %s", pluginId, name, e.getMessage());
            return ENGLISH;
        }
    }

    static Map<String, String> read(JsonNode root, String name) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(name + " must hold one JSON object of English text to translation");
        }
        Map<String, String> words = new HashMap<>();
        root.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("the translation of \"" + entry.getKey() + "\" is not a string");
            }
            words.put(entry.getKey(), entry.getValue().asText());
        });
        return words;
    }

    /** The translation of {@code english}, or {@code english} itself (also for {@code null}). */
    String t(String english) {
        return english == null ? null : words.getOrDefault(english, english);
    }

    /** Whether {@code english} has a translation here. */
    boolean has(String english) {
        return words.containsKey(english);
    }

    Panel translate(Panel panel) {
        if (words.isEmpty()) {
            return panel;
        }
        return new Panel(panel.id(), t(panel.title()), panel.widgets().stream().map(this::translate).toList());
    }

    Widget translate(Widget widget) {
        if (widget instanceof Widget.Table table) {
            List<Widget.Column> columns = table.columns().stream()
                    .map(c -> new Widget.Column(c.field(), t(c.label()), c.sortable())).toList();
            return new Widget.Table(t(table.title()), table.operation(), columns, t(table.emptyHint()));
        }
        if (widget instanceof Widget.TimeSeries series) {
            // the series names are field names as well as legend labels: they stay as declared
            return new Widget.TimeSeries(t(series.title()), series.operation(), series.timeField(), series.series(),
                    t(series.emptyHint()));
        }
        if (widget instanceof Widget.Kpi kpi) {
            return new Widget.Kpi(t(kpi.title()), kpi.operation(), kpi.field(), t(kpi.unit()));
        }
        if (widget instanceof Widget.Form form) {
            return new Widget.Form(t(form.title()), form.operation());
        }
        return new Widget.Text(t(((Widget.Text) widget).markdown()));
    }

    /** Every English text a panel declares that a translation can cover, in order. */
    static List<String> texts(Panel panel) {
        List<String> texts = new ArrayList<>();
        texts.add(panel.title());
        for (Widget widget : panel.widgets()) {
            if (widget instanceof Widget.Table table) {
                texts.add(table.title());
                table.columns().forEach(c -> texts.add(c.label()));
                texts.add(table.emptyHint());
            } else if (widget instanceof Widget.TimeSeries series) {
                texts.add(series.title());
                texts.add(series.emptyHint());
            } else if (widget instanceof Widget.Kpi kpi) {
                texts.add(kpi.title());
                texts.add(kpi.unit());
            } else if (widget instanceof Widget.Form form) {
                texts.add(form.title());
            } else {
                texts.add(((Widget.Text) widget).markdown());
            }
        }
        texts.removeIf(text -> text == null || text.isBlank());
        return texts;
    }
}

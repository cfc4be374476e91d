package dev.operon.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.core.tasks.JsonSchemas;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import dev.operon.sdk.task.TaskType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin's own translation of its panel text, and the built-in plugins' Chinese translations. */
class PanelTextTest {

    private static final Panel PANEL = Panel.of("p", "Churn risk",
            new Widget.Table("Highest risk", "list-risk", List.of(new Widget.Column("score", "Score", true)))
                    .whenEmpty("Run the training."),
            new Widget.TimeSeries("Over time", "series", "at", List.of("score"), "No points."),
            new Widget.Kpi("Users", "count", "users", "people"),
            new Widget.Form("Score a user", "score"),
            new Widget.Text("**Bold** text."));

    @Test
    void translatesWhatTheOperatorReadsAndKeepsWhatTheConsoleLooksUp() {
        PanelText text = new PanelText(Map.of("Churn risk", "流失风险", "Highest risk", "风险最高", "Score", "评分",
                "Run the training.", "请运行训练。", "Over time", "随时间", "Users", "用户", "people", "人",
                "Score a user", "为用户评分", "**Bold** text.", "**粗体**文字。"));
        Panel translated = text.translate(PANEL);
        assertThat(translated.id()).isEqualTo("p");
        assertThat(translated.title()).isEqualTo("流失风险");
        Widget.Table table = (Widget.Table) translated.widgets().get(0);
        assertThat(table.title()).isEqualTo("风险最高");
        assertThat(table.operation()).isEqualTo("list-risk");
        assertThat(table.columns()).containsExactly(new Widget.Column("score", "评分", true));
        assertThat(table.emptyHint()).isEqualTo("请运行训练。");
        Widget.TimeSeries series = (Widget.TimeSeries) translated.widgets().get(1);
        assertThat(series.title()).isEqualTo("随时间");
        assertThat(series.series()).containsExactly("score");
        assertThat(series.timeField()).isEqualTo("at");
        assertThat(series.emptyHint()).as("no entry: stays English").isEqualTo("No points.");
        assertThat(translated.widgets().get(2)).isEqualTo(new Widget.Kpi("用户", "count", "users", "人"));
        assertThat(translated.widgets().get(3)).isEqualTo(new Widget.Form("为用户评分", "score"));
        assertThat(translated.widgets().get(4)).isEqualTo(new Widget.Text("**粗体**文字。"));
    }

    @Test
    void englishAndAPluginWithoutATranslationKeepTheDeclaredText(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = loader(dir)) {
            assertThat(PanelText.load(loader, "none", "zh-CN").translate(PANEL)).isEqualTo(PANEL);
            assertThat(PanelText.load(loader, "none", "en")).isSameAs(PanelText.ENGLISH);
        }
    }

    @Test
    void aTranslationThatCannotBeReadIsIgnoredInsteadOfBreakingThePage(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("META-INF/operon/i18n"));
        Files.writeString(folder.resolve("broken.zh-CN.json"), "{\"Churn risk\": ");
        Files.writeString(folder.resolve("list.zh-CN.json"), "[\"Churn risk\"]");
        Files.writeString(folder.resolve("number.zh-CN.json"), "{\"Churn risk\": 3}");
        Files.writeString(folder.resolve("good.zh-CN.json"), "{\"Churn risk\": \"流失风险\"}");
        try (URLClassLoader loader = loader(dir)) {
            for (String plugin : List.of("broken", "list", "number")) {
                assertThat(PanelText.load(loader, plugin, "zh-CN")).as(plugin).isSameAs(PanelText.ENGLISH);
            }
            assertThat(PanelText.load(loader, "good", "zh-CN").translate(PANEL).title()).isEqualTo("流失风险");
        }
    }

    @Test
    void everyBuiltInPanelTextHasAChineseTranslationAndNoEntryIsStale() throws IOException {
        List<String> problems = new ArrayList<>();
        int plugins = 0;
        for (OperonPlugin plugin : ServiceLoader.load(OperonPlugin.class)) {
            String id = plugin.info().id();
            if (!plugin.getClass().getName().startsWith("dev.operon.plugins.") || plugin.panels().isEmpty()) {
                continue;
            }
            plugins++;
            ClassLoader loader = plugin.getClass().getClassLoader();
            PanelText chinese = PanelText.load(loader, id, "zh-CN");
            List<String> declared = new ArrayList<>(plugin.panels().stream()
                    .flatMap(p -> PanelText.texts(p).stream()).toList());
            declared.addAll(formLabels(plugin));
            declared.stream().filter(text -> !chinese.has(text))
                    .forEach(text -> problems.add(id + ": no translation of \"" + text + "\""));
            try (InputStream in = loader.getResourceAsStream(PanelText.resource(id, "zh-CN"))) {
                assertThat(in).as(PanelText.resource(id, "zh-CN")).isNotNull();
                JsonNode entries = Charts.JSON.readTree(in);
                entries.fieldNames().forEachRemaining(english -> {
                    if (!declared.contains(english)) {
                        problems.add(id + ": \"" + english + "\" is translated but no panel declares it");
                    }
                });
            }
        }
        assertThat(plugins).as("built-in plugins with panels").isGreaterThanOrEqualTo(6);
        assertThat(problems).isEmpty();
    }

    /**
     * The labels of the fields of every form on the plugin's panels and of its task types' parameter forms (the words
     * of their input's properties).
     */
    private static List<String> formLabels(OperonPlugin plugin) {
        List<String> labels = new ArrayList<>();
        for (TaskType<?, ?> task : plugin.tasks()) {
            SchemaForm.fields(JsonSchemas.of(task.inputType()), null, "param.")
                    .forEach(field -> labels.add(field.label()));
        }
        for (Panel panel : plugin.panels()) {
            for (Widget widget : panel.widgets()) {
                if (widget instanceof Widget.Form form) {
                    Operation<?, ?> operation = plugin.operations().stream()
                            .filter(o -> o.name().equals(form.operation())).findFirst().orElseThrow();
                    SchemaForm.fields(JsonSchemas.of(operation.inputType()), null, "in.")
                            .forEach(field -> labels.add(field.label()));
                    answerLabels(JsonSchemas.of(operation.outputType()), labels);
                }
            }
        }
        return labels;
    }

    /**
     * The labels a form's answer is laid out with ({@link FormAnswer}): an object's properties, and the columns of a
     * list of records, the answer itself or one of its properties.
     */
    @SuppressWarnings("unchecked")
    private static void answerLabels(Map<String, Object> schema, List<String> labels) {
        Map<String, Object> items = (Map<String, Object>) schema.get("items");
        if (items != null) {
            ((Map<String, Object>) items.getOrDefault("properties", Map.of())).keySet()
                    .forEach(name -> labels.add(SchemaForm.label(name)));
            return;
        }
        ((Map<String, Object>) schema.getOrDefault("properties", Map.of())).forEach((name, property) -> {
            labels.add(SchemaForm.label(name));
            Map<String, Object> nested = (Map<String, Object>) ((Map<String, Object>) property).get("items");
            if (nested != null) {
                ((Map<String, Object>) nested.getOrDefault("properties", Map.of())).keySet()
                        .forEach(column -> labels.add(SchemaForm.label(column)));
            }
        });
    }

    private static URLClassLoader loader(Path dir) throws IOException {
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }
}

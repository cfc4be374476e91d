package dev.operon.examples.imageclassifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.operon.sdk.json.Json;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The panel's Chinese translation covers exactly the texts the panel declares (the console's convention). */
class PanelTranslationTest {

    @Test
    void everyPanelTextHasAChineseTranslationAndNothingElse() throws IOException {
        List<String> declared = new ArrayList<>();
        for (Panel panel : new ImageClassifierPlugin().panels()) {
            declared.add(panel.title());
            for (Widget widget : panel.widgets()) {
                if (widget instanceof Widget.Text text) {
                    declared.add(text.markdown());
                } else if (widget instanceof Widget.Kpi kpi) {
                    declared.add(kpi.title());
                    declared.add(kpi.unit());
                } else if (widget instanceof Widget.Form form) {
                    declared.add(form.title());
                } else if (widget instanceof Widget.Table table) {
                    declared.add(table.title());
                    table.columns().forEach(c -> declared.add(c.label()));
                } else {
                    throw new AssertionError("not expected on this panel: " + widget);
                }
            }
        }
        String file = "META-INF/operon/i18n/" + ImageClassifierPlugin.ID + ".zh-CN.json";
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
            assertNotNull(in, file);
            @SuppressWarnings("unchecked")
            Map<String, Object> words = (Map<String, Object>) Json.parse(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
            assertEquals(new TreeSet<>(declared), new TreeSet<>(words.keySet()));
        }
    }
}

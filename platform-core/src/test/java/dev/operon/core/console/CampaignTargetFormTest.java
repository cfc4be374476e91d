package dev.operon.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.tasks.JsonSchemas;
import dev.operon.plugins.marketing.MarketingPlugin;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The marketing campaign editor's target field: the campaigns panel has forms bound to operations whose input
 * names {@code target} with its allowed values ({@code @AllowedValues}, SDK 1.4), which the console renders as a
 * choice between {@code all} and {@code positive-uplift}.
 */
class CampaignTargetFormTest {

    @Test
    void theCampaignEditorOffersTheTargetAsAChoice() {
        MarketingPlugin plugin = new MarketingPlugin();
        Panel campaigns = plugin.panels().stream().filter(p -> p.id().equals("campaigns")).findFirst()
                .orElseThrow();
        List<String> forms = campaigns.widgets().stream().filter(w -> w instanceof Widget.Form)
                .map(w -> ((Widget.Form) w).operation()).toList();
        assertThat(forms).contains("create-campaign", "set-campaign-target");
        for (String name : List.of("create-campaign", "set-campaign-target")) {
            Operation<?, ?> operation = plugin.operations().stream().filter(o -> o.name().equals(name)).findFirst()
                    .orElseThrow();
            SchemaForm.Field target = SchemaForm.fields(JsonSchemas.of(operation.inputType()), null, "in.").stream()
                    .filter(f -> f.property().equals("target")).findFirst().orElseThrow();
            assertThat(target.control()).as(name).isEqualTo("select");
            assertThat(target.options()).as(name).containsExactly("all", "positive-uplift");
        }
    }
}

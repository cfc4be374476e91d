package dev.operon.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.tasks.JsonSchemas;
import dev.operon.plugins.anomaly.alerts.IncidentOperations;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Form fields read as words, and a pattern that is only a choice of words becomes a choice in the form. */
class SchemaFormTest {

    record Input(@Pattern(regexp = "daily|weekly") String cadence, @Pattern(regexp = "[a-z]+|x") String code,
                 @Pattern(regexp = "a.b|c") String dotted, long incidentId, String seriesName, String callback_url,
                 List<String> productIds, @jakarta.validation.constraints.Size(max = 40) String title,
                 @jakarta.validation.constraints.Size(max = 5000) String body) {
    }

    @Test
    void aTextsMaximumLengthIsEnforcedAndALongTextGetsATextArea() {
        List<SchemaForm.Field> fields = SchemaForm.fields(JsonSchemas.of(Input.class), null, "in.");
        assertThat(field(fields, "title").control()).isEqualTo("text");
        assertThat(field(fields, "title").max()).isEqualTo("40");
        assertThat(field(fields, "title").hint()).doesNotContain("40");
        assertThat(field(fields, "body").control()).isEqualTo("textarea");
        assertThat(field(fields, "body").max()).isEqualTo("5000");
        assertThat(field(fields, "seriesName").max()).isNull();
    }

    @Test
    void labelsAreWordsWithIdsAndUrlsInCapitals() {
        assertThat(SchemaForm.label("incidentId")).isEqualTo("Incident ID");
        assertThat(SchemaForm.label("series-name")).isEqualTo("Series name");
        assertThat(SchemaForm.label("callback_url")).isEqualTo("Callback URL");
        assertThat(SchemaForm.label("productIds")).isEqualTo("Product IDs");
        assertThat(SchemaForm.label("ndcgAt10")).isEqualTo("NDCG at10");
        assertThat(SchemaForm.label("q")).isEqualTo("Q");
        assertThat(SchemaForm.fields(JsonSchemas.of(Input.class), null, "in.")).extracting(SchemaForm.Field::label)
                .contains("Incident ID", "Series name", "Callback URL", "Product IDs");
    }

    @Test
    void aPatternOfPlainWordsIsOfferedAsAChoiceAndOtherPatternsStayText() {
        List<SchemaForm.Field> fields = SchemaForm.fields(JsonSchemas.of(Input.class), null, "in.");
        assertThat(field(fields, "cadence").control()).isEqualTo("select");
        assertThat(field(fields, "cadence").options()).containsExactly("daily", "weekly");
        assertThat(field(fields, "code").control()).isEqualTo("text");
        assertThat(field(fields, "dotted").control()).isEqualTo("text");
    }

    @Test
    void theAnomalyFeedbackVerdictIsAChoice() {
        SchemaForm.Field verdict = field(SchemaForm.fields(JsonSchemas.of(IncidentOperations.FeedbackInput.class),
                null, "in."), "verdict");
        assertThat(verdict.control()).isEqualTo("select");
        assertThat(verdict.options()).containsExactly("false_positive", "confirmed");
        assertThat(verdict.required()).isTrue();
    }

    private static SchemaForm.Field field(List<SchemaForm.Field> fields, String property) {
        return fields.stream().filter(f -> f.property().equals(property)).findFirst().orElseThrow();
    }
}

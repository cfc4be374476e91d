package dev.operon.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.sdk.panel.Widget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How plugin panels show what an operation answered, from the answer as the console receives it (a Java record
 * turned into JSON the way the panel page does): times in UTC and in the right century, readable numbers, booleans
 * as yes and no in the page's language.
 */
class PanelValuesTest {

    /** A row as plugins answer: an {@code Instant}, a double with binary noise, a boolean. */
    record Row(Instant at, double score, boolean active, long count) {
    }

    private static final Instant AT = Instant.parse("2026-11-20T10:15:30.123456Z");

    private static JsonNode answer() {
        return PanelCells.answer(List.of(new Row(AT, 0.8312999999, true, 1026),
                new Row(AT.plusSeconds(3600), 6508.85173317161, false, 7)));
    }

    @Test
    void aChartPlacesAnInstantAtItsOwnTimeNotIn1970() {
        PanelView chart = PanelView.timeSeries(0, new Widget.TimeSeries("Scores", "scores", "at",
                List.of("score")), answer());
        JsonNode spec = readTree(chart.chart());
        assertThat(spec.get("x").get(0).asLong()).isEqualTo(AT.getEpochSecond());
        assertThat(spec.get("x").get(1).asLong()).isEqualTo(AT.getEpochSecond() + 3600);
    }

    @Test
    void aChartReadsEpochSecondsAndEpochMillisecondsAlike() {
        JsonNode rows = PanelCells.answer(List.of(Map.of("at", AT.getEpochSecond(), "v", 1),
                Map.of("at", AT.toEpochMilli(), "v", 2), Map.of("at", "2026-11-20T10:15:30Z", "v", 3)));
        PanelView chart = PanelView.timeSeries(0, new Widget.TimeSeries("V", "v", "at", List.of("v")), rows);
        JsonNode x = readTree(chart.chart()).get("x");
        assertThat(List.of(x.get(0).asLong(), x.get(1).asLong(), x.get(2).asLong()))
                .containsOnly(AT.getEpochSecond());
    }

    @Test
    void aTableShowsUtcTimesReadableNumbersAndTranslatedBooleans() {
        Widget.Table table = new Widget.Table("Rows", "rows", List.of(new Widget.Column("at", "At", true),
                new Widget.Column("score", "Score", true), new Widget.Column("active", "Active", false),
                new Widget.Column("count", "Count", false)));
        PanelView english = PanelView.table(0, table, answer(), "at", false, 1, new PanelCells("yes", "no"));
        assertThat(english.rows().get(0)).containsExactly("2026-11-20 10:15:30 UTC", "0.8313", "yes", "1026");
        assertThat(english.rows().get(1)).containsExactly("2026-11-20 11:15:30 UTC", "6508.85", "no", "7");
        PanelView chinese = PanelView.table(0, table, answer(), null, false, 1, new PanelCells("是", "否"));
        assertThat(chinese.rows().get(0).get(2)).isEqualTo("是");
        assertThat(chinese.rows().get(1).get(2)).isEqualTo("否");
    }

    @Test
    void aKpiIsRoundedAsWell() {
        JsonNode answer = PanelCells.answer(Map.of("ndcg", 0.5204719516097719, "ctr", 0.0));
        PanelCells cells = new PanelCells("yes", "no");
        assertThat(PanelView.kpi(0, new Widget.Kpi("NDCG", "m", "ndcg", ""), answer, cells).value()).isEqualTo("0.5205");
        assertThat(PanelView.kpi(0, new Widget.Kpi("CTR", "m", "ctr", ""), answer, cells).value()).isEqualTo("0");
    }

    @Test
    void aProfilesTraitsAndFeaturesAreShownTheSameWay() {
        Map<String, Object> features = new java.util.LinkedHashMap<>();
        features.put("monetary", 392.90000000000003);
        features.put("computedAt", "2026-12-01T18:38:26.337026Z");
        features.put("marketing", false);
        features.put("counts", Map.of("page", 2));
        List<ProfilePages.Field> shown = ProfilePages.fields(features, new PanelCells("是", "否"));
        assertThat(shown.stream().map(ProfilePages.Field::value).toList())
                .containsExactly("392.9", "2026-12-01 18:38:26 UTC", "否", "{\"page\":2}");
    }

    @Test
    void numbersAreRoundedToWhatAnOperatorReads() {
        assertThat(ReadableNumbers.of(0.8312999999)).isEqualTo("0.8313");
        assertThat(ReadableNumbers.of(0.0031638238579034805)).isEqualTo("0.003164");
        assertThat(ReadableNumbers.of(17.023014906101988)).isEqualTo("17.02");
        assertThat(ReadableNumbers.of(48.74)).isEqualTo("48.74");
        assertThat(ReadableNumbers.of(1.5)).isEqualTo("1.5");
        assertThat(ReadableNumbers.of(-2.0)).isEqualTo("-2");
        assertThat(ReadableNumbers.of(1796144400L)).isEqualTo("1796144400");
        assertThat(ReadableNumbers.of(null)).isEmpty();
    }

    private static JsonNode readTree(String json) {
        try {
            return Charts.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void formsThatDeleteStopOrReleaseAskFirst() {
        for (String operation : List.of("delete-segment", "kill-campaign", "approve-campaign", "stop-journey")) {
            assertThat(formOf(operation).confirms()).as(operation).isTrue();
        }
        for (String operation : List.of("add-note", "create-segment", "segment-preview", "deleted-items")) {
            assertThat(formOf(operation).confirms()).as(operation).isFalse();
        }
    }

    private static PanelView formOf(String operation) {
        return new PanelView(0, "form", "A form", operation, null, List.of(), List.of(), 0, 0, null, false, null,
                null, null, List.of(), true, null, null, null, false);
    }
}

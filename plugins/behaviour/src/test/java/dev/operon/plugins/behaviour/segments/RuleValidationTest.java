package dev.operon.plugins.behaviour.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.behaviour.segments.rules.RuleCompiler;
import dev.operon.plugins.behaviour.segments.rules.RuleException;
import dev.operon.sdk.json.Json;
import dev.operon.sdk.operation.OperationException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each kind of invalid rule is refused with the JSON path of the bad node and what was expected. */
class RuleValidationTest {

    private static final RuleCompiler.SegmentGraph TWO_SEGMENTS = new RuleCompiler.SegmentGraph() {
        @Override
        public boolean exists(long id) {
            return id == 1 || id == 2;
        }

        @Override
        public Set<Long> dependencies(long id) {
            return id == 2 ? Set.of(1L) : Set.of();   // 2 refers to 1
        }
    };

    private static List<OperationException.FieldError> errors(String rule) {
        return errors(rule, null);
    }

    private static List<OperationException.FieldError> errors(String rule, Long self) {
        RuleException e = assertThrows(RuleException.class,
                () -> RuleCompiler.compile(Json.parse(rule), "rule", self, TWO_SEGMENTS, true));
        return e.errors();
    }

    private static void refused(String rule, String path, String expected) {
        List<OperationException.FieldError> errors = errors(rule);
        assertTrue(errors.stream().anyMatch(e -> e.field().equals(path) && e.message().contains(expected)),
                "expected an error at " + path + " mentioning '" + expected + "', got " + errors);
    }

    @Test
    void acceptsTheDocumentedExamples() throws Exception {
        for (String rule : List.of(
                "{\"all\":[{\"event\":\"Order Completed\",\"count\":{\"gte\":3},\"within\":\"P30D\"},"
                        + "{\"trait\":\"plan\",\"eq\":\"pro\"}]}",
                "{\"any\":[{\"trait\":\"country\",\"in\":[\"FR\",\"DE\"]},{\"not\":{\"trait\":\"email\","
                        + "\"exists\":true}}]}",
                "{\"event\":\"Order Completed\",\"count\":{\"gte\":1},\"within\":\"P2W\",\"where\":"
                        + "{\"property\":\"amount\",\"gt\":50}}",
                "{\"event\":\"Signed Up\",\"firstSeen\":{\"within\":\"P7D\"}}",
                "{\"event\":\"Order Completed\",\"lastSeen\":{\"before\":\"P60D\"}}",
                "{\"feature\":\"recency_days\",\"gt\":30,\"lte\":90}",
                "{\"all\":[{\"segment\":1},{\"feature\":\"monetary\",\"gte\":100}]}",
                "{\"trait\":\"tags\",\"contains\":\"vip\"}")) {
            RuleCompiler.compile(Json.parse(rule), "rule", null, TWO_SEGMENTS, true);
        }
    }

    @Test
    void notAConditionObject() {
        refused("[1,2]", "rule", "expected a condition object");
        refused("{\"all\":[\"plan\"]}", "rule.all[0]", "expected a condition object");
    }

    @Test
    void noKindOrSeveralKinds() {
        refused("{\"plan\":\"pro\"}", "rule", "expected one of the keys");
        refused("{\"trait\":\"plan\",\"event\":\"x\",\"eq\":1}", "rule", "exactly one of");
    }

    @Test
    void emptyOrWrongCombinations() {
        refused("{\"all\":[]}", "rule.all", "non-empty array");
        refused("{\"any\":{\"trait\":\"a\",\"eq\":1}}", "rule.any", "non-empty array");
        refused("{\"not\":[]}", "rule.not", "expected a condition object");
    }

    @Test
    void unknownKeysAreNamed() {
        refused("{\"trait\":\"plan\",\"equals\":\"pro\"}", "rule.equals", "unknown key in a trait condition");
        refused("{\"event\":\"x\",\"count\":{\"atLeast\":3}}", "rule.count.atLeast", "unknown key in a count");
    }

    @Test
    void traitComparisons() {
        refused("{\"trait\":\"plan\"}", "rule", "needs a comparison");
        refused("{\"trait\":\"\",\"eq\":1}", "rule.trait", "non-empty string");
        refused("{\"trait\":\"plan\",\"in\":\"pro\"}", "rule.in", "non-empty array");
        refused("{\"trait\":\"plan\",\"in\":[\"pro\",{\"a\":1}]}", "rule.in[1]", "string, number or boolean");
        refused("{\"trait\":\"plan\",\"exists\":\"yes\"}", "rule.exists", "true or false");
        refused("{\"trait\":\"age\",\"gt\":[1]}", "rule.gt", "expected a number");
        refused("{\"trait\":\"plan\",\"eq\":null}", "rule.eq", "string, number or boolean");
    }

    @Test
    void eventConditions() {
        refused("{\"event\":3}", "rule.event", "an event name");
        refused("{\"event\":\"x\",\"count\":3}", "rule.count", "comparisons such as {\"gte\": 3}");
        refused("{\"event\":\"x\",\"count\":{\"gte\":-1}}", "rule.count.gte", "whole number of at least 0");
        refused("{\"event\":\"x\",\"count\":{\"gte\":1.5}}", "rule.count.gte", "whole number");
        refused("{\"event\":\"x\",\"count\":{}}", "rule.count", "needs a comparison");
        refused("{\"event\":\"x\",\"within\":\"P3D\"}", "rule.within", "bounds the count");
        refused("{\"event\":\"x\",\"count\":{\"gte\":1},\"within\":\"P1M\"}", "rule.within",
                "months and years vary");
        refused("{\"event\":\"x\",\"count\":{\"gte\":1},\"within\":\"30 days\"}", "rule.within",
                "ISO-8601 duration");
        refused("{\"event\":\"x\",\"count\":{\"gte\":1},\"within\":\"PT0S\"}", "rule.within", "above zero");
        refused("{\"event\":\"x\",\"where\":[]}", "rule.where", "property filter");
        refused("{\"event\":\"x\",\"where\":[{\"property\":\"amount\",\"gt\":5},{\"gt\":5}]}",
                "rule.where[1].property", "a property name");
        refused("{\"event\":\"x\",\"where\":{\"property\":\"amount\"}}", "rule.where", "needs a comparison");
        refused("{\"event\":\"x\",\"lastSeen\":{\"after\":\"P3D\"}}", "rule.lastSeen", "{\"within\": \"P7D\"}");
        refused("{\"event\":\"x\",\"firstSeen\":{\"within\":5}}", "rule.firstSeen.within", "ISO-8601");
    }

    @Test
    void featureConditions() {
        refused("{\"feature\":\"ltv\",\"gt\":1}", "rule.feature", "expected one of [events, sessions");
        refused("{\"feature\":\"sessions\",\"gt\":\"5\"}", "rule.feature.gt".replace(".feature", ""),
                "expected a number");
        refused("{\"feature\":\"sessions\"}", "rule", "needs a comparison");
    }

    @Test
    void segmentReferences() {
        refused("{\"segment\":\"vip\"}", "rule.segment", "id of a saved segment");
        refused("{\"segment\":9}", "rule.segment", "no segment with id 9");
        List<OperationException.FieldError> self = errors("{\"segment\":1}", 1L);
        assertEquals("rule.segment", self.get(0).field());
        assertTrue(self.get(0).message().contains("itself"));
        List<OperationException.FieldError> cycle = errors("{\"segment\":2}", 1L);   // 2 -> 1, saving 1 -> 2
        assertEquals("rule", cycle.get(0).field());
        assertTrue(cycle.get(0).message().contains("cycle"), cycle.toString());
    }

    @Test
    void limitsAndBadJson() {
        String deep = "{\"trait\":\"a\",\"eq\":1}";
        for (int i = 0; i < 20; i++) {
            deep = "{\"not\":" + deep + "}";
        }
        refused(deep, "rule" + ".not".repeat(16), "deeper than 16");
        RuleException e = assertThrows(RuleException.class,
                () -> RuleCompiler.compile("{\"trait\": ", "rule", null, TWO_SEGMENTS, true));
        assertEquals("rule", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("invalid JSON"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<OperationException.FieldError> errors = errors("{\"all\":[{\"trait\":\"plan\",\"eq\":[1]},"
                + "{\"event\":\"x\",\"count\":{\"gte\":-2}},{\"feature\":\"ltv\",\"gt\":1}]}");
        assertEquals(List.of("rule.all[0].eq", "rule.all[1].count.gte", "rule.all[2].feature"),
                errors.stream().map(OperationException.FieldError::field).toList());
    }
}

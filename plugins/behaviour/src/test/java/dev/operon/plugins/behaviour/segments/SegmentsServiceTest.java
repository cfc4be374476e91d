package dev.operon.plugins.behaviour.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.segments.SegmentSummary;
import dev.operon.sdk.segments.Segments;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The segments other plugins see through the SDK's Segments service: ids as segment events carry them, sizes. */
class SegmentsServiceTest {

    @Test
    void offersItsSegmentsByIdWithTheirSizes() throws Exception {
        try (World w = new World()) {
            w.profile(1, Map.of("plan", "pro"));
            w.profile(2, Map.of("plan", "free"));
            SegmentOperations.SegmentView pro = w.kit.call("create-segment",
                    Map.of("name", "pro", "rule", "{\"trait\":\"plan\",\"eq\":\"pro\"}"), Operation.Role.OPERATOR);
            w.kit.call("create-segment", Map.of("name", "anyone", "rule", "{\"trait\":\"plan\",\"exists\":true}"),
                    Operation.Role.OPERATOR);
            w.refresh(true);

            Segments segments = w.kit.services().find(Segments.class).orElseThrow();
            assertEquals(new SegmentSummary(Long.toString(pro.id()), "pro", 1),
                    segments.find(Long.toString(pro.id())).orElseThrow());
            assertEquals(List.of("anyone", "pro"), segments.list().stream().map(SegmentSummary::name).toList());
            assertTrue(segments.find("999999").isEmpty());
            assertTrue(segments.find("pro").isEmpty(), "an id is a number, not a name");
            assertTrue(segments.find(null).isEmpty());
        }
    }
}

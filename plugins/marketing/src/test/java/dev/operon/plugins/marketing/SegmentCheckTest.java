package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignOperations;
import dev.operon.plugins.marketing.dryrun.DryRun;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.segments.SegmentSummary;
import dev.operon.sdk.segments.Segments;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A campaign or journey names a segment that the segments' plugin knows, when one offers the SDK's Segments. */
class SegmentCheckTest {

    /** Two segments, as the behaviour plugin would offer them. */
    private static final class TwoSegments implements Segments {
        private final List<SegmentSummary> all = List.of(new SegmentSummary("7", "Big spenders", 12),
                new SegmentSummary("9", "Lapsing customers", 30));

        @Override
        public Optional<SegmentSummary> find(String segmentId) {
            return all.stream().filter(s -> s.id().equals(segmentId)).findFirst();
        }

        @Override
        public List<SegmentSummary> list() {
            return all;
        }
    }

    @Test
    void anUnknownSegmentIsRefusedWithTheSegmentsThereAre() throws Exception {
        try (World w = new World()) {
            w.kit.services().add(Segments.class, new TwoSegments());
            OperationException refused = assertThrows(OperationException.class,
                    () -> w.kit.call("create-campaign", World.emailCampaign("typo", "77"), Role.OPERATOR));
            assertEquals(422, refused.status());
            assertEquals(List.of("segmentId"), refused.errors().stream().map(OperationException.FieldError::field)
                    .toList());
            assertEquals("no segment has the id \"77\"; the segments are 7 (Big spenders), 9 (Lapsing customers)",
                    refused.errors().get(0).message());
            assertEquals(0, w.count("SELECT count(*) FROM marketing_campaign"));

            Campaign created = w.kit.call("create-campaign", World.emailCampaign("spring", "7"), Role.OPERATOR);
            List<CampaignOperations.CampaignRow> rows = w.kit.call("list-campaigns", Map.of());
            assertEquals("Big spenders", rows.get(0).segmentName(), "the list names the segment");
            Map<String, Object> moved = new HashMap<>(World.emailCampaign("spring", "8"));
            assertEquals(422, assertThrows(OperationException.class, () -> w.kit.call("update-campaign",
                    Map.of("id", created.id(), "campaign", moved), Role.OPERATOR)).status());

            Map<String, Object> journey = Map.of("name", "re-entry", "entryEvent", "Segment Entered",
                    "entrySegmentId", "8", "steps", List.of(Map.of("id", "out", "type", "exit")));
            OperationException journeyRefused = assertThrows(OperationException.class,
                    () -> w.kit.call("create-journey", journey, Role.OPERATOR));
            assertTrue(journeyRefused.errors().stream().anyMatch(e -> e.field().equals("entrySegmentId")
                    && e.message().startsWith("no segment has the id \"8\"")), journeyRefused.errors().toString());
        }
    }

    @Test
    void anAudienceThatAnotherToolSendsInWithTheEventsIsASegmentToo() throws Exception {
        try (World w = new World()) {
            w.kit.services().add(Segments.class, new TwoSegments());
            w.user(1, Map.of("email", "ada@example.com"));
            w.kit.events().track(1, "Segment Entered", Map.of("segment_id", "crm-vip"));
            Campaign created = w.kit.call("create-campaign", World.emailCampaign("vip", "crm-vip"), Role.OPERATOR);
            assertEquals("crm-vip", created.segmentId());
        }
    }

    @Test
    void aDryRunSaysWhenTheCampaignsSegmentIsGone() throws Exception {
        try (World w = new World()) {
            w.kit.services().add(Segments.class, new TwoSegments());
            Campaign k = w.kit.call("create-campaign", World.emailCampaign("spring", "7"), Role.OPERATOR);
            DryRun.Output kept = w.kit.call("dry-run", Map.of("id", k.id()));
            assertEquals(List.of(), kept.warnings());

            // the behaviour plugin deletes the segment: its members exit, their events stay
            w.user(1, Map.of("email", "ada@example.com"));
            w.kit.events().track(1, "Segment Entered", Map.of("segment_id", "7"));
            w.kit.events().track(1, "Segment Exited", Map.of("segment_id", "7"));
            w.kit.services().clear();
            w.kit.services().add(Segments.class, new Segments() {
                @Override
                public Optional<SegmentSummary> find(String segmentId) {
                    return Optional.empty();
                }

                @Override
                public List<SegmentSummary> list() {
                    return List.of();
                }
            });
            DryRun.Output gone = w.kit.call("dry-run", Map.of("id", k.id()));
            assertEquals(List.of("the campaign's segment is gone: no segment has the id \"7\": there are no segments"
                    + " yet (the behaviour plugin defines them); nobody would get it"), gone.warnings());
        }
    }

    @Test
    void withoutAPluginThatOffersSegmentsAnyIdIsTakenAsGiven() throws Exception {
        try (World w = new World()) {
            Campaign created = w.kit.call("create-campaign", World.emailCampaign("spring", "77"), Role.OPERATOR);
            assertEquals("77", created.segmentId());
        }
    }
}

package dev.operon.plugins.marketing.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.MarketingPlugin;
import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.Variant;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.testkit.PluginTestKit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's draft win-back campaign, with the segment known at seeding time or only later. */
class MarketingDemoTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void draftWaitsForTheSegmentByNameAndTheCampaignClockFillsItIn() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new MarketingPlugin(), Map.of("quiet-hours-start", ""))) {
            List<String> log = kit.seedDemo(NOW, List.of(), 3);
            assertEquals(1, log.size(), log.toString());
            Campaign draft = only(kit);
            assertEquals("Come back: 10 % off", draft.name());
            assertEquals("draft", draft.status());
            assertEquals("email", draft.channel());
            assertEquals(10.0, draft.holdoutPercent());
            assertEquals("Order Completed", draft.goalEvent());
            assertEquals(List.of("discount", "reminder"), draft.variants().stream().map(Variant::name).toList());
            assertNull(draft.segmentId(), "the behaviour plugin has not computed the segment yet");

            // approving it before its segment is known is refused
            OperationException early = assertThrows(OperationException.class,
                    () -> kit.call("approve-campaign", Map.of("id", draft.id()), Role.ADMIN));
            assertEquals(409, early.status());
            assertTrue(early.getMessage().contains("Lapsing customers"), early.getMessage());

            // another segment's members do not resolve it; the lapsing customers' first member does
            enter(kit, 1, 1, "Big spenders");
            assertTrue(kit.runTask("marketing.dispatch", Map.of()).succeeded());
            assertNull(only(kit).segmentId());
            enter(kit, 2, 2, "Lapsing customers");
            assertTrue(kit.runTask("marketing.dispatch", Map.of()).succeeded());
            assertEquals("2", only(kit).segmentId());
            assertEquals(0, count(kit, "SELECT count(*) FROM marketing_state WHERE key LIKE 'pending-segment:%'"));
            Campaign approved = kit.call("approve-campaign", Map.of("id", draft.id()), Role.ADMIN);
            assertEquals("approved", approved.status());

            // seeding the same workspace again changes nothing
            assertEquals(List.of(), kit.seedDemo(NOW, List.of(), 3));
            assertEquals(1, count(kit, "SELECT count(*) FROM marketing_campaign"));
        }
    }

    @Test
    void segmentAlreadyComputedIsUsedAtOnce() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new MarketingPlugin(), Map.of("quiet-hours-start", ""))) {
            enter(kit, 5, 7, "Lapsing customers");
            List<String> log = kit.seedDemo(NOW, List.of(), 3);
            assertTrue(log.get(0).contains("(7)"), log.toString());
            assertEquals("7", only(kit).segmentId());
            assertEquals(0, count(kit, "SELECT count(*) FROM marketing_state WHERE key LIKE 'pending-segment:%'"));
        }
    }

    /** What the behaviour plugin appends when a profile enters a segment. */
    private static void enter(PluginTestKit kit, long profileId, long segmentId, String segmentName) {
        kit.profiles().add(profileId, "user-" + profileId, Map.of(), null);
        kit.events().track(profileId, "Segment Entered", NOW, Map.of("segment_id", segmentId,
                "segment_name", segmentName));
    }

    private static Campaign only(PluginTestKit kit) throws Exception {
        List<?> rows = kit.call("list-campaigns", Map.of());
        assertEquals(1, rows.size());
        long id = count(kit, "SELECT id FROM marketing_campaign");
        return kit.call("get-campaign", Map.of("id", id));
    }

    private static long count(PluginTestKit kit, String sql) throws Exception {
        try (Connection c = kit.data().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}

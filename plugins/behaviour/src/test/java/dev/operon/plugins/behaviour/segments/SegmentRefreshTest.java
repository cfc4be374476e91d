package dev.operon.plugins.behaviour.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.profiles.WindowCounts;
import dev.operon.sdk.testkit.AccessDeniedException;
import dev.operon.sdk.testkit.AuditRecord;
import dev.operon.sdk.testkit.TaskResult;
import dev.operon.sdk.testkit.TestProfiles;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Evaluation semantics on hand-made data, recorded and emitted changes, expiry, consent, role checks. */
class SegmentRefreshTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void theIssueExampleSelectsProUsersWithThreeOrdersIn30Days() throws Exception {
        try (World w = new World()) {
            w.profile(1, Map.of("plan", "pro"));
            w.profile(2, Map.of("plan", "pro"));
            w.profile(3, Map.of("plan", "free"));
            w.profile(4, Map.of("plan", "pro"));
            for (long p : List.of(1L, 3L)) {
                for (int i = 0; i < 3; i++) {
                    w.event(p, "Order Completed", DAY.multipliedBy(2 + i * 5), Map.of("amount", 20));
                }
            }
            for (int i = 0; i < 2; i++) {                    // only two in the window
                w.event(2, "Order Completed", DAY.multipliedBy(3 + i), Map.of());
            }
            w.event(2, "Order Completed", DAY.multipliedBy(45), Map.of());
            for (int i = 0; i < 3; i++) {                    // the wrong event
                w.event(4, "Product Viewed", DAY.multipliedBy(1 + i), Map.of());
            }
            long id = w.createSegment("pro buyers", "{\"all\":[{\"event\":\"Order Completed\",\"count\":{\"gte\":3},"
                    + "\"within\":\"P30D\"},{\"trait\":\"plan\",\"eq\":\"pro\"}]}");
            // the cursors, written last, are refused: the members and changes written before them are rolled back
            w.execute("CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
            w.execute("CREATE TRIGGER test_refuse BEFORE INSERT ON behaviour_state"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION test_refuse()");
            assertThrows(SQLException.class, () -> w.refresh(false));
            w.execute("DROP TRIGGER test_refuse ON behaviour_state");
            assertEquals(Map.of(), w.members());
            assertTrue(w.emitted().isEmpty());

            RefreshResult r = w.refresh(false);
            assertEquals("full", r.mode());
            assertEquals(Set.of(1L), w.members(id));
            assertEquals(1, r.entered());
        }
    }

    @Test
    void traitComparisonsPropertyFiltersFirstAndLastSeenFeatures() throws Exception {
        try (World w = new World()) {
            w.profile(1, Map.of("plan", "pro", "age", 34, "country", "FR", "tags", List.of("vip", "beta"),
                    "email", "a@example.com"));
            w.profile(2, Map.of("plan", "free", "age", "19", "country", "DE"));
            w.profile(3, Map.of("age", 70, "country", "US", "tags", List.of("beta")));
            w.event(1, "Order Completed", DAY.multipliedBy(3), Map.of("amount", 80, "currency", "EUR"));
            w.event(2, "Order Completed", DAY.multipliedBy(3), Map.of("amount", "120.5"));
            w.event(3, "Order Completed", DAY.multipliedBy(3), Map.of("amount", 20));
            w.event(2, "Signed Up", DAY.multipliedBy(2), Map.of());
            w.event(3, "Signed Up", DAY.multipliedBy(200), Map.of());
            w.event(1, "Signed Up", DAY.multipliedBy(100), Map.of());
            Map<String, String> rules = Map.ofEntries(
                    Map.entry("ne", "{\"trait\":\"plan\",\"ne\":\"pro\"}"),
                    Map.entry("in", "{\"trait\":\"country\",\"in\":[\"FR\",\"US\"]}"),
                    Map.entry("range", "{\"trait\":\"age\",\"gte\":18,\"lt\":40}"),
                    Map.entry("exists", "{\"trait\":\"email\",\"exists\":false}"),
                    Map.entry("contains", "{\"trait\":\"tags\",\"contains\":\"beta\"}"),
                    Map.entry("where", "{\"event\":\"Order Completed\",\"count\":{\"gte\":1},\"within\":\"P7D\","
                            + "\"where\":{\"property\":\"amount\",\"gt\":50}}"),
                    Map.entry("first", "{\"event\":\"Signed Up\",\"firstSeen\":{\"within\":\"P7D\"}}"),
                    Map.entry("last", "{\"event\":\"Signed Up\",\"lastSeen\":{\"before\":\"P90D\"}}"),
                    Map.entry("not-any", "{\"not\":{\"any\":[{\"trait\":\"plan\",\"eq\":\"pro\"},"
                            + "{\"trait\":\"country\",\"eq\":\"DE\"}]}}"),
                    Map.entry("never", "{\"event\":\"Order Completed\",\"count\":{\"eq\":0}}"));
            Map<String, Long> ids = new java.util.HashMap<>();
            for (Map.Entry<String, String> e : rules.entrySet()) {
                ids.put(e.getKey(), w.createSegment(e.getKey(), e.getValue()));
            }
            long ref = w.createSegment("ref", "{\"all\":[{\"segment\":" + ids.get("where") + "},"
                    + "{\"trait\":\"country\",\"eq\":\"DE\"}]}");
            w.refresh(false);
            assertEquals(Set.of(2L, 3L), w.members(ids.get("ne")), "ne includes a missing trait");
            assertEquals(Set.of(1L, 3L), w.members(ids.get("in")));
            assertEquals(Set.of(1L, 2L), w.members(ids.get("range")), "numeric strings compare as numbers");
            assertEquals(Set.of(2L, 3L), w.members(ids.get("exists")));
            assertEquals(Set.of(1L, 3L), w.members(ids.get("contains")));
            assertEquals(Set.of(1L, 2L), w.members(ids.get("where")));
            assertEquals(Set.of(2L), w.members(ids.get("first")));
            assertEquals(Set.of(1L, 3L), w.members(ids.get("last")));
            assertEquals(Set.of(3L), w.members(ids.get("not-any")));
            assertEquals(Set.of(), w.members(ids.get("never")));
            assertEquals(Set.of(2L), w.members(ref), "segment references are evaluated after their targets");
        }
    }

    @Test
    void featureConditionsAndFeatureWindowCounts() throws Exception {
        try (World w = new World(Map.of())) {          // feature windows on (the default)
            ProfileFeatures busy = new ProfileFeatures(w.now.minus(DAY.multipliedBy(300)), w.now.minus(DAY), 500, 40,
                    Map.of("Order Completed", new WindowCounts(1, 4, 9)), 9, 450.0, 2.0, w.now);
            ProfileFeatures idle = new ProfileFeatures(w.now.minus(DAY.multipliedBy(90)),
                    w.now.minus(DAY.multipliedBy(60)), 12, 2, Map.of("Order Completed", new WindowCounts(0, 0, 1)),
                    1, 30.0, 60.0, w.now);
            w.profile(1, Map.of(), busy, TestProfiles.ALLOW_ALL);
            w.profile(2, Map.of(), idle, TestProfiles.ALLOW_ALL);
            long buyers = w.createSegment("buyers", "{\"event\":\"Order Completed\",\"count\":{\"gte\":3},"
                    + "\"within\":\"P30D\"}");
            long loyal = w.createSegment("loyal", "{\"all\":[{\"feature\":\"sessions\",\"gte\":10},"
                    + "{\"feature\":\"monetary\",\"gt\":100},{\"feature\":\"frequency\",\"gte\":5}]}");
            long lapsed = w.createSegment("lapsed", "{\"all\":[{\"feature\":\"recency_days\",\"gt\":30},"
                    + "{\"feature\":\"days_since_last_seen\",\"gte\":59.5}]}");
            RefreshResult r = w.refresh(false);
            assertEquals(0, r.eventsRead(), "7/30/90-day counts come from the profile's features");
            assertEquals(Set.of(1L), w.members(buyers));
            assertEquals(Set.of(1L), w.members(loyal));
            assertEquals(Set.of(2L), w.members(lapsed));
        }
    }

    @Test
    void enteredAndExitedAreRecordedAndEmitted() throws Exception {
        try (World w = new World()) {
            w.profile(1, Map.of("plan", "pro"));
            w.profile(2, Map.of("plan", "free"));
            long pro = w.createSegment("pro", "{\"trait\":\"plan\",\"eq\":\"pro\"}");
            w.refresh(false);
            assertEquals(List.of("Entered " + pro + " p1"), w.emitted());
            w.advance(Duration.ofMinutes(5));
            w.profile(1, Map.of("plan", "free"));
            w.profile(2, Map.of("plan", "pro"));
            RefreshResult r = w.refresh(false);
            assertEquals("incremental", r.mode());
            assertEquals(2, r.profilesEvaluated());
            assertEquals(1, r.entered());
            assertEquals(1, r.exited());
            assertEquals(Set.of(2L), w.members(pro));
            assertEquals(List.of("Entered " + pro + " p1", "Exited " + pro + " p1", "Entered " + pro + " p2"),
                    w.emitted());
            List<SegmentStore.Change> changes = w.kit.call("segment-changes", Map.of("segmentId", pro));
            assertEquals(List.of("entered p2", "exited p1", "entered p1"), changes.stream()
                    .map(c -> c.change() + " p" + c.profileId()).toList());
            assertTrue(changes.stream().allMatch(SegmentStore.Change::emitted));
            assertEquals("pro", w.kit.events().all().get(w.kit.events().all().size() - 1).properties()
                    .get("segment_name"));
            w.advance(Duration.ofMinutes(5));
            RefreshResult quiet = w.refresh(false);
            assertEquals(0, quiet.entered() + quiet.exited());
            assertEquals(3, w.emitted().size(), "nothing emitted twice");
            List<SegmentOperations.SizeRow> sizes = w.kit.call("segment-size-history", Map.of("segmentId", pro));
            assertEquals(List.of(1L, 1L, 1L), sizes.stream().map(SegmentOperations.SizeRow::size).toList());
        }
    }

    @Test
    void aWindowExpiringMakesTheMemberExitWithoutNewData() throws Exception {
        try (World w = new World()) {
            w.profile(1, Map.of());
            w.profile(2, Map.of());
            w.event(1, "Order Completed", DAY.multipliedBy(10), Map.of());
            w.event(2, "Order Completed", DAY.multipliedBy(1), Map.of());
            long recent = w.createSegment("recent buyers", "{\"event\":\"Order Completed\",\"count\":{\"gte\":1},"
                    + "\"within\":\"P14D\"}");
            long dormant = w.createSegment("dormant", "{\"event\":\"Order Completed\",\"lastSeen\":"
                    + "{\"before\":\"P12D\"}}");
            w.advance(Duration.ofMinutes(5));             // the profiles were last updated before this refresh
            w.refresh(false);
            assertEquals(Set.of(1L, 2L), w.members(recent));
            assertEquals(Set.of(), w.members(dormant));
            w.advance(DAY.multipliedBy(3));               // profile 1's order is now 13 days old
            RefreshResult r = w.refresh(false);
            assertEquals(Set.of(1L, 2L), w.members(recent));
            assertEquals(Set.of(1L), w.members(dormant));
            assertEquals("incremental", r.mode());
            assertEquals(1, r.profilesEvaluated(), "only the profile whose window moved");
            w.advance(DAY.multipliedBy(2));               // 15 days: out of the 14-day window
            w.refresh(false);
            assertEquals(Set.of(2L), w.members(recent));
            assertTrue(w.emitted().contains("Exited " + recent + " p1"));
        }
    }

    @Test
    void onlyProfilesAllowingAnalyticsAreEvaluated() throws Exception {
        try (World w = new World()) {
            w.profile(1, Map.of("plan", "pro"));
            w.profile(2, Map.of("plan", "pro"), ProfileFeatures.none(w.now), World.NO_ANALYTICS);
            long pro = w.createSegment("pro", "{\"trait\":\"plan\",\"eq\":\"pro\"}");
            w.refresh(false);
            assertEquals(Set.of(1L), w.members(pro));
            w.advance(Duration.ofMinutes(1));
            w.consent(1, World.NO_ANALYTICS);
            w.refresh(false);
            assertEquals(Set.of(), w.members(pro));
            List<SegmentStore.Change> changes = w.kit.call("segment-changes", Map.of());
            assertEquals("consent", changes.get(0).reason());
            SegmentPreview.Result preview = w.kit.call("segment-preview",
                    Map.of("rule", Map.of("trait", "plan", "eq", "pro")));
            assertEquals(0, preview.size());
            assertEquals(0, preview.total());
        }
    }

    @Test
    void operationsCheckRolesValidateAndAudit() throws Exception {
        try (World w = new World()) {
            w.profile(1, Map.of("plan", "pro"));
            w.profile(2, Map.of("plan", "free"));
            Map<String, Object> create = Map.of("name", "pro", "rule", "{\"trait\":\"plan\",\"eq\":\"pro\"}");
            assertThrows(AccessDeniedException.class,
                    () -> w.kit.call("create-segment", create, Operation.Role.VIEWER));
            assertThrows(AccessDeniedException.class,
                    () -> w.kit.call("refresh-segments", Map.of(), Operation.Role.VIEWER));
            SegmentOperations.SegmentView pro = w.kit.call("create-segment", create, Operation.Role.OPERATOR);
            assertEquals(AuditRecord.Outcome.DENIED, w.kit.auditLog().get(0).outcome());
            assertEquals(AuditRecord.Outcome.SUCCEEDED, w.kit.auditLog().get(2).outcome());
            List<SegmentOperations.SegmentView> list = w.kit.call("list-segments", Map.of(), Operation.Role.VIEWER);
            assertEquals(List.of("pro"), list.stream().map(SegmentOperations.SegmentView::name).toList());

            OperationException invalid = assertThrows(OperationException.class, () -> w.kit.call("create-segment",
                    Map.of("name", "bad", "rule", Map.of("all", List.of(Map.of("trait", "plan", "eq", List.of()))))));
            assertEquals(422, invalid.status());
            assertEquals("rule.all[0].eq", invalid.errors().get(0).field());
            OperationException taken = assertThrows(OperationException.class,
                    () -> w.kit.call("create-segment", create));
            assertEquals(409, taken.status());

            SegmentPreview.Result preview = w.kit.call("segment-preview",
                    Map.of("rule", "{\"trait\":\"plan\",\"ne\":\"pro\"}"), Operation.Role.VIEWER);
            assertEquals(1, preview.size());
            assertTrue(preview.exact());
            RefreshResult refreshed = w.kit.call("refresh-segments", Map.of("full", true));
            assertEquals(1, refreshed.entered());
            List<SegmentOperations.MemberRow> members = w.kit.call("segment-members",
                    Map.of("segmentId", pro.id()), Operation.Role.VIEWER);
            assertEquals("user-1", members.get(0).userId());

            long ref = w.createSegment("refers", "{\"segment\":" + pro.id() + "}");
            OperationException used = assertThrows(OperationException.class,
                    () -> w.kit.call("delete-segment", Map.of("id", pro.id())));
            assertEquals(409, used.status());
            SegmentOperations.SegmentView updated = w.kit.call("update-segment", Map.of("id", pro.id(), "name",
                    "pro or free", "rule", Map.of("trait", "plan", "in", List.of("pro", "free"))));
            assertTrue(updated.pendingFullRefresh());
            assertEquals("full", w.refresh(false).mode(), "a changed rule is recomputed for everyone");
            assertEquals(Set.of(1L, 2L), w.members(pro.id()));
            w.kit.call("delete-segment", Map.of("id", ref));
            assertEquals(Set.of(1L, 2L), membersByEvents(w, pro.id()));
            w.kit.call("delete-segment", Map.of("id", pro.id()));
            assertEquals(404, assertThrows(OperationException.class,
                    () -> w.kit.call("delete-segment", Map.of("id", pro.id()))).status());
            assertEquals(Map.of(), w.members());
            // its members exit with it: a campaign that reads membership from the events reaches nobody now
            assertEquals(Set.of(), membersByEvents(w, pro.id()));
            List<String> exits = w.emitted().stream().filter(line -> line.startsWith("Exited " + pro.id() + " "))
                    .toList();
            assertEquals(List.of("Exited " + pro.id() + " p1", "Exited " + pro.id() + " p2"), exits);
            assertEquals(0, w.refresh(false).eventsEmitted(), "emitted once, at the deletion");
        }
    }

    /** A segment's members as its entered and exited events say, replayed in order (what marketing reads). */
    private static Set<Long> membersByEvents(World w, long segmentId) {
        Set<Long> members = new java.util.TreeSet<>();
        for (String line : w.emitted()) {
            String[] parts = line.split(" ");
            if (parts[1].equals(Long.toString(segmentId))) {
                long profile = Long.parseLong(parts[2].substring(1));
                if (parts[0].equals("Entered")) {
                    members.add(profile);
                } else {
                    members.remove(profile);
                }
            }
        }
        return members;
    }
}

package dev.operon.plugins.behaviour.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.operon.plugins.behaviour.segments.SegmentOperations;
import dev.operon.plugins.behaviour.segments.World;
import dev.operon.sdk.privacy.DataSubject;
import dev.operon.sdk.privacy.PersonalData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Export lists what the plugin stores about a subject; erasure removes it, leaves others alone, and is idempotent. */
class BehaviourPersonalDataTest {

    @Test
    void exportsAndErasesMembershipsChangesAndPersonaAssignments() throws Exception {
        try (World w = new World()) {
            w.profile(1, Map.of("plan", "pro"));
            w.profile(2, Map.of("plan", "pro"));
            w.profile(3, Map.of("plan", "pro"));   // 3 was merged into 1: same subject
            w.event(1, "Order Completed", Duration.ofDays(1), Map.of());
            SegmentOperations.SegmentView pro = w.kit.call("create-segment",
                    Map.of("name", "pro", "rule", "{\"all\":[{\"trait\":\"plan\",\"eq\":\"pro\"},{\"event\":"
                            + "\"Order Completed\",\"count\":{\"gte\":1},\"within\":\"P7D\"}]}"));
            w.kit.call("create-segment", Map.of("name", "all pro", "rule", "{\"trait\":\"plan\",\"eq\":\"pro\"}"));
            w.refresh(false);
            try (Connection c = w.kit.data().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO behaviour_persona VALUES (0, now(), 2, 'buyers', '{}')");
                s.executeUpdate("INSERT INTO behaviour_persona_assignment VALUES (1, 0, 0.5, now()), (2, 0, 0.7, now())");
            }
            PersonalData hook = w.kit.plugin().personalData().orElseThrow();
            DataSubject subject = new DataSubject(1, Set.of(1L, 3L), Set.of("user-1"), Set.of("anon-1"));

            Map<String, Object> export = hook.export(subject, w.kit.data());
            assertEquals(Set.of("segmentMemberships", "segmentChanges", "personaAssignments"), export.keySet());
            assertEquals(3, ((List<?>) export.get("segmentMemberships")).size(), "1 in both, 3 in one");
            @SuppressWarnings("unchecked")
            Map<String, Object> persona = ((List<Map<String, Object>>) export.get("personaAssignments")).get(0);
            assertEquals("buyers", persona.get("label"));

            // the recount fails after the deletes: the deletes are rolled back with it
            try (Connection c = w.kit.data().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
                s.execute("CREATE TRIGGER test_refuse BEFORE UPDATE ON behaviour_segment"
                        + " FOR EACH STATEMENT EXECUTE FUNCTION test_refuse()");
            }
            assertThrows(SQLException.class, () -> hook.erase(subject, w.kit.data()));
            assertEquals(export, hook.export(subject, w.kit.data()));
            try (Connection c = w.kit.data().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER test_refuse ON behaviour_segment");
            }

            hook.erase(subject, w.kit.data());
            assertEquals(Map.of(), hook.export(subject, w.kit.data()));
            hook.erase(subject, w.kit.data());                       // idempotent
            assertEquals(Map.of(), hook.export(subject, w.kit.data()));
            assertEquals(2, rows(w, "SELECT count(*) FROM behaviour_segment_member WHERE profile_id = 2")
                    + rows(w, "SELECT count(*) FROM behaviour_persona_assignment WHERE profile_id = 2"));
            assertEquals(0, rows(w, "SELECT count(*) FROM behaviour_segment_due WHERE profile_id IN (1, 3)"));
            List<SegmentOperations.SegmentView> list = w.kit.call("list-segments", Map.of());
            assertEquals(List.of(0L, 1L), list.stream().map(SegmentOperations.SegmentView::size).toList(),
                    "sizes recounted without a refresh");
            assertEquals(Set.of(), w.members(pro.id()));
        }
    }

    private static long rows(World w, String sql) throws Exception {
        try (Connection c = w.kit.data().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}

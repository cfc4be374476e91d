package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.testkit.AccessDeniedException;
import dev.operon.sdk.testkit.AuditRecord;
import dev.operon.sdk.testkit.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drafts, approval by another operator, scheduling, editing, killing; every action audited; bad input refused. */
class CampaignLifecycleTest {

    @Test
    void draftNeedsAnotherOperatorsApprovalBeforeItCanBeScheduled() throws Exception {
        try (World w = new World()) {
            Campaign k = w.kit.call("create-campaign", World.emailCampaign("spring", "7"), Role.OPERATOR);
            assertEquals("draft", k.status());
            assertEquals("test:operator", k.createdBy());

            OperationException early = assertThrows(OperationException.class,
                    () -> w.kit.call("schedule-campaign", Map.of("id", k.id()), Role.OPERATOR));
            assertEquals(409, early.status());
            assertTrue(early.getMessage().contains("approved"), early.getMessage());

            OperationException self = assertThrows(OperationException.class,
                    () -> w.kit.call("approve-campaign", Map.of("id", k.id()), Role.OPERATOR));
            assertEquals(409, self.status());
            assertTrue(self.getMessage().contains("another operator"), self.getMessage());
            assertThrows(AccessDeniedException.class,
                    () -> w.kit.call("approve-campaign", Map.of("id", k.id()), Role.VIEWER));

            Campaign approved = w.kit.call("approve-campaign", Map.of("id", k.id()), Role.ADMIN);
            assertEquals("approved", approved.status());
            assertEquals("test:admin", approved.approvedBy());

            // editing voids the approval
            Map<String, Object> edited = new HashMap<>(World.emailCampaign("spring", "7"));
            edited.put("holdoutPercent", 10.0);
            Campaign back = w.kit.call("update-campaign", Map.of("id", k.id(), "campaign", edited), Role.OPERATOR);
            assertEquals("draft", back.status());
            assertNull(back.approvedBy());
            assertEquals(10.0, back.holdoutPercent());

            w.kit.call("approve-campaign", Map.of("id", k.id()), Role.ADMIN);
            Campaign scheduled = w.kit.call("schedule-campaign", Map.of("id", k.id()), Role.OPERATOR);
            assertEquals("scheduled", scheduled.status());
            assertEquals(scheduled.sendAt(), scheduled.nextRunAt());

            assertEquals(409, assertThrows(OperationException.class, () -> w.kit.call("update-campaign",
                    Map.of("id", k.id(), "campaign", edited), Role.OPERATOR)).status());

            Campaign killed = w.kit.call("kill-campaign", Map.of("id", k.id()), Role.OPERATOR);
            assertEquals("killed", killed.status());
            assertEquals("test:operator", killed.killedBy());

            List<AuditRecord> audit = w.kit.auditLog();
            List<String> succeeded = audit.stream().filter(a -> a.outcome() == AuditRecord.Outcome.SUCCEEDED)
                    .map(AuditRecord::operation).toList();
            assertEquals(List.of("create-campaign", "approve-campaign", "update-campaign", "approve-campaign",
                    "schedule-campaign", "kill-campaign"), succeeded);
            AuditRecord approval = audit.stream().filter(a -> a.operation().equals("approve-campaign")
                    && a.outcome() == AuditRecord.Outcome.SUCCEEDED).findFirst().orElseThrow();
            assertEquals("draft", ((Map<?, ?>) approval.before()).get("status"));
            assertEquals("approved", ((Map<?, ?>) approval.after()).get("status"));
            assertTrue(audit.stream().anyMatch(a -> a.operation().equals("approve-campaign")
                    && a.outcome() == AuditRecord.Outcome.FAILED), "the refused self-approval is audited too");
        }
    }

    @Test
    void badInputNamesEveryProblemAndStoresNothing() throws Exception {
        try (World w = new World()) {
            Map<String, Object> bad = new HashMap<>();
            bad.put("name", "broken");
            bad.put("channel", "sms");
            bad.put("schedule", "cron");
            bad.put("cron", "every monday");
            bad.put("holdoutPercent", 80);
            bad.put("allocation", "thompson");
            bad.put("variants", List.of(Map.of("name", "A", "subject", "Hi {user.name", "text", ""),
                    Map.of("name", "holdout", "subject", "x", "text", "y")));
            OperationException e = assertThrows(OperationException.class,
                    () -> w.kit.call("create-campaign", bad, Role.OPERATOR));
            assertEquals(422, e.status());
            List<String> fields = e.errors().stream().map(OperationException.FieldError::field).toList();
            assertEquals(List.of("channel", "cron", "segmentId", "holdoutPercent", "goalEvent", "variants[0].text",
                    "variants[0].subject", "variants[1].name"), fields);
            assertEquals(0, w.count("SELECT count(*) FROM marketing_campaign"));

            Map<String, Object> noName = new HashMap<>(World.emailCampaign("x", "7"));
            noName.remove("name");
            InvalidInputException missing = assertThrows(InvalidInputException.class,
                    () -> w.kit.call("create-campaign", noName, Role.OPERATOR));
            assertEquals(List.of("name"), missing.fields());

            w.kit.call("create-campaign", World.emailCampaign("dup", "7"), Role.OPERATOR);
            assertEquals(409, assertThrows(OperationException.class,
                    () -> w.kit.call("create-campaign", World.emailCampaign("dup", "8"), Role.OPERATOR)).status());
            assertEquals(404, assertThrows(OperationException.class,
                    () -> w.kit.call("approve-campaign", Map.of("id", 999), Role.ADMIN)).status());
            assertEquals(1, w.count("SELECT count(*) FROM marketing_campaign"));
        }
    }
}

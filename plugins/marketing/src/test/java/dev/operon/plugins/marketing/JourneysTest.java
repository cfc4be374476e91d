package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.journeys.Journey;
import dev.operon.plugins.marketing.journeys.JourneyOperations;
import dev.operon.plugins.marketing.journeys.JourneyTask;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.operation.OperationException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Journeys: entry, send, wait, condition, split, exit, the goal, idempotent passes, the view, bad input. */
class JourneysTest {

    private static Map<String, Object> journeyCampaign(String name, String subject) {
        Map<String, Object> m = new HashMap<>(World.emailCampaign(name, null));
        m.remove("segmentId");
        m.remove("sendAt");
        m.put("schedule", "journey");
        m.put("variants", List.of(Map.of("name", "A", "subject", subject, "text", "Hi {user.first_name}")));
        return m;
    }

    private static Map<String, Object> onboarding(long welcome, long nudge) {
        return Map.of("name", "onboarding", "entryEvent", "Signed Up", "goalEvent", "Purchase", "steps", List.of(
                Map.of("id", "welcome", "type", "send", "campaignId", welcome, "next", "pause"),
                Map.of("id", "pause", "type", "wait", "duration", "PT1H", "next", "opened"),
                Map.of("id", "opened", "type", "condition", "event", "Opened App", "within", "P1D",
                        "yes", "end", "no", "ab"),
                Map.of("id", "ab", "type", "split", "branches", List.of(Map.of("percent", 50, "next", "nudge"),
                        Map.of("percent", 50, "next", "end"))),
                Map.of("id", "nudge", "type", "send", "campaignId", nudge, "next", "end"),
                Map.of("id", "end", "type", "exit")));
    }

    private static JourneyTask.Output pass(World w) {
        return w.kit.<JourneyTask.Output>runTask("marketing.journeys", Map.of()).output();
    }

    @Test
    void usersWalkTheStepsOnceEachAndTheGoalEndsTheJourney() throws Exception {
        try (World w = new World()) {
            Campaign welcome = w.scheduled(journeyCampaign("welcome", "Welcome {user.first_name}"));
            Campaign nudge = w.scheduled(journeyCampaign("nudge", "Still there?"));
            Journey j = w.kit.call("create-journey", onboarding(welcome.id(), nudge.id()), Role.OPERATOR);
            assertEquals("draft", j.status());
            w.kit.call("activate-journey", Map.of("id", j.id()), Role.OPERATOR);
            for (long id = 1; id <= 40; id++) {
                w.user(id, Map.of("email", "u" + id + "@example.com", "first_name", "Name" + id));
                w.kit.events().track(id, "Signed Up", Instant.now(), Map.of());
            }
            w.kit.events().track(3, "Purchase", Instant.now().plusMillis(5), Map.of());
            Thread.sleep(20);

            JourneyTask.Output first = pass(w);
            assertEquals(40, first.entered());
            assertEquals(39, first.messages(), "a welcome each, not for the buyer");
            w.kit.runTask("marketing.dispatch", Map.of());
            assertEquals(39, w.email.delivered().size());
            assertTrue(w.email.delivered().stream().allMatch(m -> m.subject().startsWith("Welcome Name")));

            // a second pass, as after a crash and a restart: nothing new
            JourneyTask.Output again = pass(w);
            assertEquals(0, again.entered());
            assertEquals(0, again.messages());

            // an hour later the wait is over: everyone reaches the condition and waits for the app to be opened
            w.execute("UPDATE marketing_journey_member SET step_since = step_since - interval '2 hours',"
                    + " due_at = due_at - interval '2 hours'");
            pass(w);
            assertEquals(39, w.count("SELECT count(*) FROM marketing_journey_member WHERE step = 'opened'"));
            Thread.sleep(20);
            for (long id = 1; id <= 10; id++) {
                w.kit.events().track(id, "Opened App", Instant.now(), Map.of());
            }
            w.execute("UPDATE marketing_journey_member SET due_at = now() - interval '1 second'");
            pass(w);
            // 1, 2, 4..10 opened the app: done; 3 bought
            assertEquals(9, w.count("SELECT count(*) FROM marketing_journey_member WHERE status = 'done'"));

            // a day later the others have not: split between a nudge and the end
            w.execute("UPDATE marketing_journey_member SET step_since = step_since - interval '2 days',"
                    + " due_at = now() - interval '1 second' WHERE status = 'active'");
            pass(w);
            w.kit.runTask("marketing.dispatch", Map.of());
            assertEquals(0, w.count("SELECT count(*) FROM marketing_journey_member WHERE status = 'active'"));
            long nudged = w.count("SELECT count(*) FROM marketing_journey_member WHERE path LIKE '%ab:nudge%'");
            assertTrue(nudged > 5 && nudged < 25, "about half of 30: " + nudged);
            Set<String> nudgedAddresses = w.email.delivered().stream().filter(m -> m.subject().equals("Still there?"))
                    .map(m -> m.recipient()).collect(Collectors.toSet());
            assertEquals(nudged, nudgedAddresses.size());
            assertEquals(39 + nudged, w.email.delivered().size());
            pass(w);
            w.kit.runTask("marketing.dispatch", Map.of());
            assertEquals(39 + nudged, w.email.delivered().size(), "nobody gets anything twice");

            JourneyOperations.View view = w.kit.call("journey-view", Map.of("id", j.id()));
            assertEquals(40, view.entered());
            assertEquals(1, view.goal());
            assertEquals(39, view.done());
            JourneyOperations.StepView opened = view.steps().stream().filter(s -> s.step().equals("opened"))
                    .findFirst().orElseThrow();
            assertEquals(Map.of("yes", 9L, "no", 30L), opened.outcomes());
            assertEquals(nudged, view.steps().stream().filter(s -> s.step().equals("nudge")).findFirst()
                    .orElseThrow().passed());

            // personal data: where the buyer is in the journey is exported and erased with the rest
            dev.operon.sdk.privacy.PersonalData hook = w.kit.plugin().personalData().orElseThrow();
            dev.operon.sdk.privacy.DataSubject buyer = new dev.operon.sdk.privacy.DataSubject(3, Set.of(3L),
                    Set.of("user-3"), Set.of());
            List<?> journeys = (List<?>) hook.export(buyer, w.kit.data()).get("journeys");
            assertEquals("goal", ((Map<?, ?>) journeys.get(0)).get("status"));
            hook.erase(buyer, w.kit.data());
            assertEquals(0, w.count("SELECT count(*) FROM marketing_journey_member WHERE profile_id = 3"));
            assertEquals(39, w.count("SELECT count(*) FROM marketing_journey_member"));
        }
    }

    @Test
    void aStoppedJourneyMovesNobodyAndOnlyScheduledCampaignsCanBeUsed() throws Exception {
        try (World w = new World()) {
            Campaign welcome = w.kit.call("create-campaign", journeyCampaign("welcome", "Hi"), Role.OPERATOR);
            Campaign nudge = w.scheduled(journeyCampaign("nudge", "Still there?"));
            Journey j = w.kit.call("create-journey", onboarding(welcome.id(), nudge.id()), Role.OPERATOR);
            OperationException early = assertThrows(OperationException.class,
                    () -> w.kit.call("activate-journey", Map.of("id", j.id()), Role.OPERATOR));
            assertEquals(409, early.status());
            w.kit.call("approve-campaign", Map.of("id", welcome.id()), Role.ADMIN);
            w.kit.call("schedule-campaign", Map.of("id", welcome.id()), Role.OPERATOR);
            w.kit.call("activate-journey", Map.of("id", j.id()), Role.OPERATOR);
            w.kit.call("stop-journey", Map.of("id", j.id()), Role.OPERATOR);
            w.user(1, Map.of("email", "u1@example.com", "first_name", "A"));
            w.kit.events().track(1, "Signed Up", Instant.now(), Map.of());
            assertEquals(0, pass(w).journeys());
            assertEquals(0, w.count("SELECT count(*) FROM marketing_journey_member"));
        }
    }

    @Test
    void badJourneysAreRefusedWithEveryProblemAndNothingIsStored() throws Exception {
        try (World w = new World()) {
            Campaign once = w.scheduled(World.emailCampaign("plain", "7"));
            Map<String, Object> bad = Map.of("name", "", "entryEvent", "Signed Up", "steps", List.of(
                    Map.of("id", "a", "type", "send", "campaignId", once.id(), "next", "b"),
                    Map.of("id", "b", "type", "wait", "duration", "soon", "next", "nowhere"),
                    Map.of("id", "c", "type", "split", "branches", List.of(Map.of("percent", 70, "next", "a"))),
                    Map.of("id", "d", "type", "teleport")));
            OperationException e = assertThrows(OperationException.class,
                    () -> w.kit.call("create-journey", bad, Role.OPERATOR));
            assertEquals(422, e.status());
            Set<String> fields = e.errors().stream().map(OperationException.FieldError::field)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("name", "steps[0].campaignId", "steps[1].duration", "steps[1].next",
                    "steps[2].branches", "steps[3].type"), fields);

            Map<String, Object> loop = Map.of("name", "loop", "entryEvent", "Signed Up", "steps", List.of(
                    Map.of("id", "a", "type", "wait", "duration", "PT1H", "next", "b"),
                    Map.of("id", "b", "type", "condition", "event", "X", "within", "PT1H", "yes", "a", "no", "c"),
                    Map.of("id", "c", "type", "exit")));
            OperationException cycle = assertThrows(OperationException.class,
                    () -> w.kit.call("create-journey", loop, Role.OPERATOR));
            assertEquals(422, cycle.status());
            assertEquals(0, w.count("SELECT count(*) FROM marketing_journey"));
            assertEquals(0, w.count("SELECT count(*) FROM marketing_journey_step"));
        }
    }
}

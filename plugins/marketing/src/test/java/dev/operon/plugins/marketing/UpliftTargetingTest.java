package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.dryrun.DryRun;
import dev.operon.plugins.marketing.journeys.Journey;
import dev.operon.plugins.marketing.journeys.JourneyOperations;
import dev.operon.plugins.marketing.journeys.JourneyTask;
import dev.operon.plugins.marketing.uplift.ProfileRow;
import dev.operon.plugins.marketing.uplift.Qini;
import dev.operon.plugins.marketing.uplift.UpliftInput;
import dev.operon.plugins.marketing.uplift.UpliftModelType;
import dev.operon.plugins.marketing.uplift.UpliftScore;
import dev.operon.plugins.marketing.uplift.UpliftTrainTask;
import dev.operon.sdk.channel.Message;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.operation.Operation.Role;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.testkit.TaskResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The uplift model inside campaigns, on planted data: tier {@code A} users are persuadable (they buy 70 % of the
 * time after a message, 10 % without), tier {@code B} users are "sleeping dogs" (10 % after a message, 40 % without).
 * A past campaign with a 50 % holdout is sent and its conversions planted; {@code marketing.uplift-train} must rank
 * A above B (Qini above 0 on its validation rows and on a fresh held-out set), and a campaign with
 * {@code target: positive-uplift} must leave B out of its audience.
 */
class UpliftTargetingTest {

    private static final String GOAL = "Order Completed";

    @Test
    void trainedOnPastSendsTheModelFindsThePersuadableAndTargetingDropsTheOthers() throws Exception {
        try (World w = new World()) {
            Random random = new Random(7);
            int n = 800;
            for (long id = 1; id <= n; id++) {
                user(w, id, tier(id), random);
                w.enter(id, "5");
            }
            Map<String, Object> past = new HashMap<>(World.emailCampaign("past offer", "5"));
            past.put("holdoutPercent", 50.0);
            past.put("goalEvent", GOAL);
            past.put("goalWindow", "PT1H");
            Campaign pastCampaign = w.scheduled(past);
            w.send(pastCampaign.id()).output();
            // the goal window is over: every exposure moved two hours back, conversions planted ten minutes after it
            w.execute("UPDATE marketing_send SET sent_at = sent_at - interval '2 hours',"
                    + " planned_at = planned_at - interval '2 hours'");
            for (Exposure x : exposures(w, pastCampaign.id())) {
                double p = rate(tier(x.profile()), x.treated());
                if (random.nextDouble() < p) {
                    w.kit.events().track(x.profile(), GOAL, x.at().plusSeconds(600), Map.of());
                }
            }
            // a conversion after the window does not count: everyone buys again three hours later
            for (long id = 1; id <= n; id++) {
                w.kit.events().track(id, GOAL, Instant.now().plusSeconds(3600), Map.of());
            }

            TaskResult<UpliftTrainTask.Summary> trained = w.kit.runTask(UpliftTrainTask.ID,
                    Map.of("epochs", 40, "seed", 3));
            assertTrue(trained.succeeded(), () -> "training failed: " + trained.error());
            UpliftTrainTask.Summary summary = trained.output();
            assertEquals(n, summary.rows());
            assertTrue(summary.treated() > 300 && summary.control() > 300, "about half each: " + summary);
            assertEquals(n / 5, summary.validationRows());
            assertTrue(summary.validationQini() > 0, "validation Qini " + summary.validationQini());
            ModelVersion champion = w.kit.models().champion(UpliftModelType.ID).orElseThrow();
            assertEquals(summary.validationQini(), champion.validationMetrics().get(UpliftModelType.QINI), 1e-12);

            // a fresh held-out population the model never saw, with outcomes drawn from the same rates
            int fresh = 600;
            double[] scores = new double[fresh];
            boolean[] treated = new boolean[fresh];
            boolean[] outcome = new boolean[fresh];
            List<UpliftInput> inputs = new ArrayList<>();
            for (int i = 0; i < fresh; i++) {
                long id = 10_000 + i;
                inputs.add(new UpliftInput(ProfileRow.of(user(w, id, tier(id), random), Set.of("email"))));
                treated[i] = random.nextBoolean();
                outcome[i] = random.nextDouble() < rate(tier(id), treated[i]);
            }
            List<UpliftScore> predicted = w.kit.models().predictBatch(UpliftModelType.ID, inputs);
            int positiveA = 0;
            int positiveB = 0;
            for (int i = 0; i < fresh; i++) {
                scores[i] = predicted.get(i).uplift();
                boolean a = "A".equals(tier(10_000 + i));
                if (scores[i] > 0) {
                    if (a) {
                        positiveA++;
                    } else {
                        positiveB++;
                    }
                }
            }
            double heldOutQini = Qini.coefficient(scores, treated, outcome);
            assertTrue(heldOutQini > 0.02, "held-out Qini " + heldOutQini);
            assertTrue(positiveA > 0.9 * fresh / 2, "persuadable found: " + positiveA + " of " + fresh / 2);
            assertTrue(positiveB < 0.1 * fresh / 2, "sleeping dogs left out: " + positiveB + " of " + fresh / 2);

            // targeting: 100 new members of segment 6, half persuadable
            for (long id = 20_001; id <= 20_100; id++) {
                user(w, id, tier(id), random);
                w.enter(id, "6");
            }
            Map<String, Object> targeted = new HashMap<>(World.emailCampaign("persuadable only", "6"));
            targeted.put("target", "positive-uplift");
            Campaign k = w.scheduled(targeted);
            assertEquals(Campaign.POSITIVE_UPLIFT, k.target());
            DryRun.Output dry = w.kit.call("dry-run", Map.of("id", k.id()), Role.VIEWER);
            assertEquals(100, dry.audience());
            assertTrue(dry.droppedNoUplift() >= 45, "dropped for no uplift: " + dry.droppedNoUplift());
            assertEquals(100 - dry.droppedNoUplift(), dry.eligible());

            int before = w.email.delivered().size();
            w.send(k.id()).output();
            List<Message> sent = w.email.delivered().subList(before, w.email.delivered().size());
            assertEquals(100 - dry.droppedNoUplift(), sent.size());
            long sentToB = sent.stream().map(m -> Long.parseLong(m.recipient().replaceAll("\\D", "")))
                    .filter(id -> "B".equals(tier(id))).count();
            assertTrue(sentToB <= 5, "sleeping dogs messaged: " + sentToB);
            assertTrue(sent.size() >= 45, "persuadable messaged: " + sent.size());
            assertEquals(dry.droppedNoUplift(), w.count("SELECT dropped_no_uplift FROM marketing_run"
                    + " WHERE campaign_id = " + k.id()));
            assertEquals(0, w.count("SELECT count(*) FROM marketing_send WHERE campaign_id = " + k.id()
                    + " AND profile_id NOT IN (SELECT profile_id FROM marketing_send WHERE campaign_id = " + k.id()
                    + " AND status = 'sent')"), "the dropped users have no send rows at all");

            journeySendStepsHonourTheTargeting(w, random);
        }
    }

    /** A journey's send step to a positive-uplift campaign plans messages for the persuadable users only. */
    private static void journeySendStepsHonourTheTargeting(World w, Random random) throws Exception {
        Campaign welcome = w.scheduled(journeyCampaign("persuadable welcome", Campaign.POSITIVE_UPLIFT));
        Map<String, Object> journey = Map.of("name", "targeted onboarding", "entryEvent", "Signed Up", "steps",
                List.of(Map.of("id", "welcome", "type", "send", "campaignId", welcome.id(), "next", "end"),
                        Map.of("id", "end", "type", "exit")));
        Journey j = w.kit.call("create-journey", journey, Role.OPERATOR);
        w.kit.call("activate-journey", Map.of("id", j.id()), Role.OPERATOR);
        List<UpliftInput> inputs = new ArrayList<>();
        for (long id = 30_001; id <= 30_040; id++) {
            inputs.add(new UpliftInput(ProfileRow.of(user(w, id, tier(id), random), Set.of("email"))));
            w.kit.events().track(id, "Signed Up", Instant.now(), Map.of());
        }
        Thread.sleep(20);
        List<UpliftScore> scores = w.kit.models().predictBatch(UpliftModelType.ID, inputs);
        Set<Long> persuadable = new java.util.HashSet<>();
        for (int i = 0; i < scores.size(); i++) {
            if (scores.get(i).uplift() > 0) {
                persuadable.add(30_001L + i);
            }
        }
        assertTrue(persuadable.size() >= 15 && persuadable.size() <= 25, "about the A half: " + persuadable);

        JourneyTask.Output pass = w.kit.<JourneyTask.Output>runTask("marketing.journeys", Map.of()).output();
        assertEquals(40, pass.entered());
        assertEquals(persuadable.size(), pass.messages());
        assertEquals(persuadable.size(), w.count("SELECT count(*) FROM marketing_send WHERE campaign_id = "
                + welcome.id() + " AND profile_id = ANY ('{" + persuadable.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")) + "}'::bigint[])"), "only the persuadable");
        assertEquals(40, w.count("SELECT count(*) FROM marketing_journey_member WHERE journey_id = " + j.id()
                + " AND status = 'done'"), "everyone walks on");
        assertEquals(40 - persuadable.size(), w.count("SELECT count(*) FROM marketing_journey_member"
                + " WHERE journey_id = " + j.id() + " AND path LIKE 'welcome(no-uplift)%'"));
        JourneyOperations.View view = w.kit.call("journey-view", Map.of("id", j.id()));
        assertEquals(Map.of("no-uplift", 40L - persuadable.size()), view.steps().get(0).outcomes());
        int before = w.email.delivered().size();
        w.kit.runTask("marketing.dispatch", Map.of());
        assertEquals(persuadable.size(), w.email.delivered().size() - before);
    }

    private static Map<String, Object> journeyCampaign(String name, String target) {
        Map<String, Object> m = new HashMap<>(World.emailCampaign(name, null));
        m.remove("segmentId");
        m.remove("sendAt");
        m.put("schedule", "journey");
        m.put("target", target);
        return m;
    }

    @Test
    void withoutAModelTargetingIsRefusedAndBadTargetsAreInvalid() throws Exception {
        try (World w = new World()) {
            for (long id = 1; id <= 20; id++) {
                w.member(id, "5");
            }
            Map<String, Object> input = new HashMap<>(World.emailCampaign("no model", "5"));
            input.put("target", "positive-uplift");
            Campaign k = w.scheduled(input);
            OperationException noModel = assertThrows(OperationException.class,
                    () -> w.kit.call("dry-run", Map.of("id", k.id()), Role.VIEWER));
            assertEquals(409, noModel.status());
            assertTrue(noModel.getMessage().contains(UpliftTrainTask.ID), noModel.getMessage());
            // planning fails for this campaign (logged) and sends nothing until a model exists
            w.send(k.id());
            assertEquals(0, w.count("SELECT count(*) FROM marketing_send WHERE campaign_id = " + k.id()));
            assertTrue(w.email.delivered().isEmpty());

            Map<String, Object> bad = new HashMap<>(World.emailCampaign("bad target", "5"));
            bad.put("target", "everyone");
            OperationException invalid = assertThrows(OperationException.class,
                    () -> w.kit.call("create-campaign", bad, Role.OPERATOR));
            assertEquals(422, invalid.status());
            Map<String, Object> noSegment = new HashMap<>(World.emailCampaign("triggered", "5"));
            noSegment.remove("segmentId");
            noSegment.put("schedule", "trigger");
            noSegment.put("triggerEvent", "Signed Up");
            noSegment.put("target", "positive-uplift");
            assertEquals(422, assertThrows(OperationException.class,
                    () -> w.kit.call("create-campaign", noSegment, Role.OPERATOR)).status());
            assertEquals(1, w.count("SELECT count(*) FROM marketing_campaign"), "nothing stored on bad input");
            Map<String, Object> journeyTargeted = journeyCampaign("journey content", Campaign.POSITIVE_UPLIFT);
            assertEquals(Campaign.POSITIVE_UPLIFT, w.kit.<Campaign>call("create-campaign", journeyTargeted,
                    Role.OPERATOR).target(), "journeys' campaigns need no segment to be targeted");

            // the editor's target field: its own action, audited, back to draft; bad values store nothing
            Campaign draft = w.kit.call("create-campaign", World.emailCampaign("edited", "5"), Role.OPERATOR);
            w.kit.call("approve-campaign", Map.of("id", draft.id()), Role.ADMIN);
            Campaign retargeted = w.kit.call("set-campaign-target", Map.of("id", draft.id(), "target",
                    "positive-uplift"), Role.OPERATOR);
            assertEquals(Campaign.POSITIVE_UPLIFT, retargeted.target());
            assertEquals("draft", retargeted.status(), "an edit voids the approval");
            var audited = w.kit.auditLog().get(w.kit.auditLog().size() - 1);
            assertEquals("set-campaign-target", audited.operation());
            assertEquals("all", ((Map<?, ?>) audited.before()).get("target"));
            assertEquals(Campaign.POSITIVE_UPLIFT, ((Map<?, ?>) audited.after()).get("target"));
            assertEquals(422, assertThrows(OperationException.class, () -> w.kit.call("set-campaign-target",
                    Map.of("id", draft.id(), "target", "everyone"), Role.OPERATOR)).status());
            assertThrows(dev.operon.sdk.testkit.AccessDeniedException.class, () -> w.kit.call("set-campaign-target",
                    Map.of("id", draft.id(), "target", "all"), Role.VIEWER));
            Map<String, Object> triggered = new HashMap<>(noSegment);
            triggered.put("name", "triggered to all");
            triggered.put("target", "all");
            Campaign trigger = w.kit.call("create-campaign", triggered, Role.OPERATOR);
            assertEquals(422, assertThrows(OperationException.class, () -> w.kit.call("set-campaign-target",
                    Map.of("id", trigger.id(), "target", "positive-uplift"), Role.OPERATOR)).status());
            assertEquals("all", w.kit.<Campaign>call("get-campaign", Map.of("id", trigger.id())).target());
            assertEquals(Campaign.POSITIVE_UPLIFT, w.kit.<Campaign>call("get-campaign", Map.of("id", draft.id()))
                    .target());

            // a journey's send step to a positive-uplift campaign, without a model: nobody walks past it unscored
            Campaign welcome = w.scheduled(journeyCampaign("targeted welcome", Campaign.POSITIVE_UPLIFT));
            Journey j = w.kit.call("create-journey", Map.of("name", "no model yet", "entryEvent", "Signed Up",
                    "steps", List.of(Map.of("id", "welcome", "type", "send", "campaignId", welcome.id(),
                            "next", "end"), Map.of("id", "end", "type", "exit"))), Role.OPERATOR);
            w.kit.call("activate-journey", Map.of("id", j.id()), Role.OPERATOR);
            for (long id = 1; id <= 5; id++) {
                w.kit.events().track(id, "Signed Up", Instant.now(), Map.of());
            }
            Thread.sleep(20);
            w.kit.runTask("marketing.journeys", Map.of());
            assertEquals(5, w.count("SELECT count(*) FROM marketing_journey_member WHERE journey_id = " + j.id()
                    + " AND status = 'active' AND step = 'welcome'"), "waiting at the send step");
            assertEquals(0, w.count("SELECT count(*) FROM marketing_send WHERE campaign_id = " + welcome.id()));

            // the training task without enough history fails permanently and registers nothing
            TaskResult<UpliftTrainTask.Summary> trained = w.kit.runTask(UpliftTrainTask.ID, Map.of());
            assertFalse(trained.succeeded());
            assertTrue(w.kit.models().champion(UpliftModelType.ID).isEmpty());
        }
    }

    private static String tier(long id) {
        return id % 2 == 0 ? "A" : "B";
    }

    private static double rate(String tier, boolean treated) {
        return "A".equals(tier) ? (treated ? 0.7 : 0.1) : (treated ? 0.1 : 0.4);
    }

    private static Profile user(World w, long id, String tier, Random random) {
        return w.user(id, Map.of("email", "u" + id + "@example.com", "first_name", "Name" + id, "tier", tier,
                "age", 20 + random.nextInt(50)));
    }

    private record Exposure(long profile, boolean treated, Instant at) {
    }

    private static List<Exposure> exposures(World w, long campaignId) throws Exception {
        List<Exposure> out = new ArrayList<>();
        try (Connection c = w.kit.data().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT profile_id, status = 'sent', coalesce(sent_at, planned_at)"
                     + " FROM marketing_send WHERE campaign_id = " + campaignId)) {
            while (r.next()) {
                out.add(new Exposure(r.getLong(1), r.getBoolean(2), r.getTimestamp(3).toInstant()));
            }
        }
        return out;
    }
}

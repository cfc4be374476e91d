package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.dryrun.DryRun;
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
        }
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

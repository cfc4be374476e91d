package dev.operon.plugins.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.experiments.ExperimentOperations;
import dev.operon.plugins.marketing.experiments.Stats;
import dev.operon.plugins.marketing.experiments.Tally;
import dev.operon.sdk.channel.Message;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A/B/n with holdout: assignment, conversions within the window, tests, Bayesian probabilities, uplift. */
class ExperimentsTest {

    @Test
    void statisticsMatchKnownValues() {
        // 200/1000 against 250/1000: pooled p = 0.225, se = 0.018675, z = 2.6774, p = 0.00742
        double[] z = Stats.zTest(new Tally(1000, 200), new Tally(1000, 250));
        assertEquals(2.6774, z[0], 1e-3);
        assertEquals(0.00742, z[1], 1e-4);
        assertEquals(0.5, Stats.normalCdf(0), 1e-9);
        assertEquals(0.975, Stats.normalCdf(1.959964), 1e-6);
        double p = Stats.probabilityToBeat(new Tally(1000, 200), new Tally(1000, 250));
        assertTrue(p > 0.99 && p < 1, "clearly better: " + p);
        double even = Stats.probabilityToBeat(new Tally(500, 50), new Tally(500, 50));
        assertEquals(0.5, even, 0.02);
        double[] best = Stats.probabilityBest(List.of(new Tally(100, 10), new Tally(100, 10), new Tally(100, 30)));
        assertEquals(1.0, best[0] + best[1] + best[2], 1e-9);
        assertTrue(best[2] > 0.99);
        double[] u = Stats.uplift(new Tally(1000, 100), new Tally(1000, 150));
        assertEquals(0.05, u[0], 1e-12);
        double se = Math.sqrt(0.1 * 0.9 / 1000 + 0.15 * 0.85 / 1000);
        assertEquals(0.05 - 1.959964 * se, u[1], 1e-6);
        assertEquals(0.05 + 1.959964 * se, u[2], 1e-6);
    }

    @Test
    void variantsAgainstHoldoutWithConversionsInTheWindow() throws Exception {
        try (World w = new World()) {
            int n = 600;
            for (long id = 1; id <= n; id++) {
                w.member(id, "7");
            }
            Map<String, Object> input = new HashMap<>(World.emailCampaign("ab", "7"));
            input.put("holdoutPercent", 20.0);
            input.put("goalEvent", "Order Completed");
            input.put("goalWindow", "P3D");
            input.put("variants", List.of(
                    Map.of("name", "A", "subject", "A {user.first_name}", "text", "a"),
                    Map.of("name", "B", "subject", "B {user.first_name}", "text", "b", "weight", 1.0),
                    Map.of("name", "C", "subject", "C {user.first_name}", "text", "c", "weight", 2.0)));
            Campaign k = w.scheduled(input);
            w.send(k.id()).output();
            Map<String, Long> sentPerVariant = new HashMap<>();
            for (Message m : w.email.delivered()) {
                sentPerVariant.merge(m.subject().substring(0, 1), 1L, Long::sum);
            }
            long holdout = w.count("SELECT count(*) FROM marketing_send WHERE status = 'holdout'");
            assertEquals(n, holdout + w.email.delivered().size());
            assertTrue(holdout > 90 && holdout < 150, "about 20 %: " + holdout);
            assertTrue(sentPerVariant.get("C") > sentPerVariant.get("A"), "C has twice the weight: " + sentPerVariant);

            // conversions: every B and C user converts once within the window, A users never, holdout users 1 in 10;
            // an order before the message or after the window does not count
            Instant now = Instant.now();
            for (Message m : w.email.delivered()) {
                long id = Long.parseLong(m.recipient().replaceAll("\\D", ""));
                String v = m.subject().substring(0, 1);
                if (!v.equals("A")) {
                    w.kit.events().track(id, "Order Completed", now.plusSeconds(3600), Map.of());
                } else {
                    w.kit.events().track(id, "Order Completed", now.minusSeconds(3600), Map.of());
                    w.kit.events().track(id, "Order Completed", now.plusSeconds(4 * 86400), Map.of());
                }
            }
            int heldConverting = 0;
            try (var c = w.kit.data().dataSource().getConnection(); var s = c.createStatement();
                 var r = s.executeQuery("SELECT profile_id FROM marketing_send WHERE status = 'holdout' ORDER BY 1")) {
                int i = 0;
                while (r.next()) {
                    if (i++ % 10 == 0) {
                        w.kit.events().track(r.getLong(1), "Order Completed", now.plusSeconds(60), Map.of());
                        heldConverting++;
                    }
                }
            }
            ExperimentOperations.Results res = w.kit.call("experiment-results", Map.of("id", k.id()));
            assertEquals("holdout", res.control());
            Map<String, ExperimentOperations.Arm> arms = new HashMap<>();
            res.arms().forEach(a -> arms.put(a.name(), a));
            assertEquals(0, arms.get("A").conversions());
            assertEquals(arms.get("B").exposed(), arms.get("B").conversions());
            assertEquals(heldConverting, arms.get("holdout").conversions());
            assertTrue(arms.get("B").pValue() < 1e-6 && arms.get("B").zScore() > 0);
            assertTrue(arms.get("A").zScore() < 0);
            assertTrue(arms.get("C").probabilityToBeatControl() > 0.999);
            assertTrue(arms.get("A").probabilityToBeatControl() < 0.01);
            assertEquals(0, arms.get("A").probabilityBest(), 0.01);
            long treated = arms.get("A").exposed() + arms.get("B").exposed() + arms.get("C").exposed();
            double treatedRate = (double) (arms.get("B").exposed() + arms.get("C").exposed()) / treated;
            assertEquals(treatedRate, res.uplift().treatedRate(), 1e-12);
            assertEquals(treatedRate - (double) heldConverting / holdout, res.uplift().difference(), 1e-12);
            assertTrue(res.uplift().low() < res.uplift().difference() && res.uplift().difference() < res.uplift().high());

            List<ExperimentOperations.Activity> activity = w.kit.call("campaign-activity", Map.of("id", k.id()));
            assertEquals(treated, activity.stream().mapToLong(ExperimentOperations.Activity::sent).sum());
            assertEquals(arms.get("B").exposed() + arms.get("C").exposed(),
                    activity.stream().mapToLong(ExperimentOperations.Activity::conversions).sum());
        }
    }

    @Test
    void thompsonSamplingSendsMostToTheBetterVariantAndAutoWinnerPicksIt() throws Exception {
        try (World w = new World()) {
            Map<String, Object> input = new HashMap<>(World.emailCampaign("bandit", "7"));
            input.put("schedule", "trigger");
            input.put("triggerEvent", "Signed Up");
            input.remove("segmentId");
            input.put("allocation", "thompson");
            input.put("autoWinner", true);
            input.put("goalEvent", "Order Completed");
            input.put("variants", List.of(Map.of("name", "A", "subject", "A", "text", "a"),
                    Map.of("name", "B", "subject", "B", "text", "b")));
            Campaign k = w.scheduled(input);
            long id = 0;
            Map<String, Long> lastWave = new HashMap<>();
            for (int wave = 0; wave < 4; wave++) {
                int before = w.email.delivered().size();
                for (int i = 0; i < 150; i++) {
                    id++;
                    w.user(id, Map.of("email", "u" + id + "@example.com"));
                    w.kit.events().track(id, "Signed Up", Instant.now(), Map.of());
                }
                w.kit.runTask("marketing.dispatch", Map.of()).output();
                lastWave.clear();
                for (Message m : w.email.delivered().subList(before, w.email.delivered().size())) {
                    lastWave.merge(m.subject(), 1L, Long::sum);
                    long pid = Long.parseLong(m.recipient().replaceAll("\\D", ""));
                    // B converts 40 % of the time, A 5 %
                    if (m.subject().equals("B") ? pid % 5 < 2 : pid % 20 == 0) {
                        w.kit.events().track(pid, "Order Completed", Instant.now().plusSeconds(1), Map.of());
                    }
                }
            }
            assertEquals(600, w.email.delivered().size());
            assertTrue(lastWave.getOrDefault("B", 0L) > 120, "later waves go mostly to B: " + lastWave);
            Campaign after = w.kit.call("get-campaign", Map.of("id", k.id()));
            assertEquals("B", after.winner());
        }
    }
}

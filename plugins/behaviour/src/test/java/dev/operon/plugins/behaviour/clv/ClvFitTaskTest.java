package dev.operon.plugins.behaviour.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.behaviour.BehaviourPlugin;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code behaviour.clv-fit} on purchase events simulated from a known BG/NBD process. */
class ClvFitTaskTest {

    @Test
    void fitsFromRevenueEventsAndWritesScoresToConsentingProfiles() {
        try (PluginTestKit kit = PluginTestKit.start(new BehaviourPlugin(), Map.of("revenue-property", "amount"))) {
            Random random = new Random(21);
            Instant now = Instant.now();
            BgNbd truth = new BgNbd(0.8, 20.0, 0.6, 3.0); // alpha in days
            for (long id = 1; id <= 1500; id++) {
                boolean consents = id % 7 != 0;
                kit.profiles().put(new Profile(id, "u" + id, List.of(), Map.of(), null,
                        new Consent(Map.of(Consent.ANALYTICS, consents)), Map.of(), now, now));
                double age = 100 + random.nextInt(200);
                Instant first = now.minus(Duration.ofDays((long) age));
                double lambda = BgNbdTest.gamma(random, truth.r(), 1 / truth.alpha());
                double p = BgNbdTest.beta(random, truth.a(), truth.b());
                double spend = 20 + random.nextInt(60);
                kit.events().track(id, "Order Completed", first, Map.of("amount", spend));
                double t = 0;
                while (true) { // BG/NBD: alive at the first purchase; may drop out after each repeat purchase
                    t += -Math.log(1 - random.nextDouble()) / lambda;
                    if (t >= age - 1) {
                        break;
                    }
                    kit.events().track(id, "Order Completed", first.plus(Duration.ofMinutes((long) (t * 1440))),
                            Map.of("amount", spend * (0.5 + random.nextDouble())));
                    if (random.nextDouble() < p) {
                        break;
                    }
                }
                kit.events().track(id, "Page Viewed", now.minus(Duration.ofDays(1)), Map.of());
            }
            TaskResult<ClvFitSummary> run = kit.runTask(ClvFitTask.ID, Map.of("horizonDays", 30));
            assertEquals(TaskResult.State.SUCCEEDED, run.state(), run.errorMessage());
            ClvFitSummary fit = run.output();
            assertTrue(fit.customers() > 1200 && fit.customers() < 1500, fit.toString());
            assertEquals(truth.r(), fit.r(), 0.35 * truth.r(), fit.toString());
            assertEquals(truth.alpha(), fit.alpha(), 0.45 * truth.alpha(), fit.toString());
            assertNotNull(fit.p());
            Map<String, Object> scores = kit.profiles().scores(1, "clv");
            assertTrue(((Number) scores.get("expected_purchases")).doubleValue() >= 0);
            assertTrue(((Number) scores.get("expected_value")).doubleValue() >= 0);
            double alive = ((Number) scores.get("p_alive")).doubleValue();
            assertTrue(alive > 0 && alive <= 1);
            assertEquals(30, scores.get("horizon_days"));
            assertNull(kit.profiles().scores(7, "clv"), "no consent, no score");
        }
    }
}

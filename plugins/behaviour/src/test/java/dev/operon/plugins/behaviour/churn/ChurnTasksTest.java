package dev.operon.plugins.behaviour.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.behaviour.BehaviourPlugin;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-platform churn tasks on synthetic activity with a planted signal: "free" users visit rarely and each day
 * may leave for good; "pro" users visit daily and stay. The model must find it on the later, held-out period.
 */
class ChurnTasksTest {

    static final Instant END = Instant.parse("2026-06-01T00:00:00Z");

    /** Adds {@code count} profiles and their events over the 200 days before {@link #END}. */
    static void plant(PluginTestKit kit, int count, long seed, boolean shuffleTraits) {
        Random random = new Random(seed);
        Instant start = END.minus(Duration.ofDays(200));
        for (long id = 1; id <= count; id++) {
            boolean risky = random.nextBoolean();
            String plan = (shuffleTraits ? random.nextBoolean() : risky) ? "free" : "pro";
            Consent consent = id % 10 == 0 ? new Consent(Map.of(Consent.ANALYTICS, false))
                    : new Consent(Map.of(Consent.ANALYTICS, true));
            kit.profiles().put(new Profile(id, "u" + id, List.of(), Map.of("plan", plan), null, consent, Map.of(),
                    start, start));
            double dailyVisit = risky ? 0.25 : 0.8;
            double dailyLeave = risky ? 0.01 : 0.0005;
            for (int day = 0; day < 200; day++) {
                if (random.nextDouble() < dailyLeave) {
                    break;
                }
                if (random.nextDouble() < dailyVisit) {
                    Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(1440)));
                    kit.events().track(id, random.nextBoolean() ? "Page Viewed" : "Order Completed", at,
                            random.nextInt(4) == 0 ? Map.of("revenue", 10 + random.nextInt(90)) : Map.of());
                }
            }
        }
    }

    @Test
    void trainsOnActivityWithATimeHoldoutThenScoresConsentingProfiles() {
        try (PluginTestKit kit = PluginTestKit.start(new BehaviourPlugin())) {
            plant(kit, 600, 7, false);
            TaskResult<ChurnTrainSummary> trained = kit.runTask(ChurnTrainTask.ID,
                    Map.of("asOf", END.toString(), "horizonDays", 30, "lookbackDays", 90));
            assertEquals(TaskResult.State.SUCCEEDED, trained.state(), trained.errorMessage());
            ChurnTrainSummary summary = trained.output();
            assertTrue(summary.rocAuc() > 0.8, "holdout ROC-AUC " + summary.rocAuc());
            assertTrue(summary.prAuc() > summary.holdoutChurned() / (double) summary.holdoutRows(),
                    "PR-AUC above the base rate: " + summary);
            assertEquals(END.minus(Duration.ofDays(60)).toString(), summary.trainCutoff());
            ModelVersion v1 = kit.models().champion(ChurnModelType.ID).orElseThrow();
            assertEquals(summary.rocAuc(), v1.validationMetrics().get(ChurnModelType.ROC_AUC), 1e-12);
            assertTrue(v1.validationMetrics().containsKey(ChurnModelType.PR_AUC));

            TaskResult<ChurnScoreSummary> scored = kit.runTask(ChurnScoreTask.ID, Map.of("lookbackDays", 3650));
            assertEquals(TaskResult.State.SUCCEEDED, scored.state(), scored.errorMessage());
            assertEquals(540, scored.output().scored());
            Map<String, Object> one = kit.profiles().scores(1, "churn");
            assertEquals(1, one.get("model_version"));
            double score = ((Number) one.get("score")).doubleValue();
            assertTrue(score >= 0 && score <= 1);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> top = (List<Map<String, Object>>) one.get("top_features");
            assertEquals(3, top.size());
            assertTrue(top.get(0).containsKey("feature") && top.get(0).containsKey("contribution"));
            assertNull(kit.profiles().scores(10, "churn"), "a profile without analytics consent is not scored");
        }
    }

    @Test
    void anAsOfThatIsNoInstantIsRefusedWhenTheParametersAreBound() {
        try (PluginTestKit kit = PluginTestKit.start(new BehaviourPlugin())) {
            dev.operon.sdk.testkit.InvalidInputException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.operon.sdk.testkit.InvalidInputException.class,
                    () -> kit.runTask(ChurnTrainTask.ID, Map.of("asOf", "last tuesday")));
            assertTrue(refused.getMessage().contains("asOf"), refused.getMessage());
        }
    }

    @Test
    void traitsAreFeaturesOnlyWhenListed() {
        try (PluginTestKit kit = PluginTestKit.start(new BehaviourPlugin())) {
            plant(kit, 300, 9, false);
            TaskResult<ChurnTrainSummary> unlisted = kit.runTask(ChurnTrainTask.ID,
                    Map.of("asOf", END.toString(), "horizonDays", 30, "lookbackDays", 90));
            assertEquals(TaskResult.State.SUCCEEDED, unlisted.state(), unlisted.errorMessage());
            assertTrue(unlisted.output().columns().stream().noneMatch(c -> c.startsWith("trait.")),
                    unlisted.output().columns().toString());
        }
        try (PluginTestKit kit = PluginTestKit.builder(new BehaviourPlugin())
                .config(ChurnConfig.TRAITS, " plan , nickname").start()) {
            plant(kit, 300, 9, false);
            TaskResult<ChurnTrainSummary> listed = kit.runTask(ChurnTrainTask.ID,
                    Map.of("asOf", END.toString(), "horizonDays", 30, "lookbackDays", 90));
            assertEquals(TaskResult.State.SUCCEEDED, listed.state(), listed.errorMessage());
            assertTrue(listed.output().columns().contains("trait.plan"), listed.output().columns().toString());
        }
    }

    @Test
    void aWorseModelIsRegisteredButNotPromoted() {
        try (PluginTestKit kit = PluginTestKit.start(new BehaviourPlugin())) {
            plant(kit, 300, 8, false);
            TaskResult<ChurnTrainSummary> first = kit.runTask(ChurnTrainTask.ID,
                    Map.of("asOf", END.toString(), "horizonDays", 30, "lookbackDays", 90));
            assertEquals(TaskResult.State.SUCCEEDED, first.state(), first.errorMessage());
            // another seed and a shorter lookback: a model that is better or worse, never both
            TaskResult<ChurnTrainSummary> second = kit.runTask(ChurnTrainTask.ID,
                    Map.of("asOf", END.minus(1, ChronoUnit.DAYS).toString(), "horizonDays", 30, "lookbackDays", 30,
                            "seed", 7));
            assertEquals(TaskResult.State.SUCCEEDED, second.state(), second.errorMessage());
            List<ModelVersion> versions = kit.models().versions(ChurnModelType.ID);
            assertEquals(2, versions.size());
            boolean secondBetter = second.output().rocAuc() > first.output().rocAuc();
            assertEquals(secondBetter ? 2 : 1, kit.models().champion(ChurnModelType.ID).orElseThrow().version());
            ModelDraft draft = kit.models().draft(ChurnModelType.ID, 1);
            assertEquals(30L, ((Number) draft.parameters().get("horizon-days")).longValue());
        }
    }

    @Test
    void withoutChurnersInAPeriodTheTrainingIsSkippedWithAReason() {
        try (PluginTestKit kit = PluginTestKit.start(new BehaviourPlugin())) {
            plant(kit, 20, 9, false);
            TaskResult<ChurnTrainSummary> run = kit.runTask(ChurnTrainTask.ID,
                    Map.of("asOf", END.plus(Duration.ofDays(400)).toString(), "horizonDays", 30));
            assertEquals(TaskResult.State.SKIPPED, run.state());
            assertTrue(run.errorMessage().contains("at least 2 of each"), run.errorMessage());
        }
    }

    @Test
    void beforeTheFirstTrainingTheScoringSkipsAndSaysWhy() {
        try (PluginTestKit kit = PluginTestKit.start(new BehaviourPlugin())) {
            plant(kit, 20, 9, false);
            TaskResult<ChurnScoreSummary> run = kit.runTask(ChurnScoreTask.ID, Map.of());
            assertEquals(TaskResult.State.SKIPPED, run.state(), run.errorMessage());
            assertTrue(run.errorMessage().contains(ChurnTrainTask.ID), run.errorMessage());
            assertNull(kit.profiles().scores(1, "churn"), "nothing stored");
        }
    }
}

package dev.operon.core.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.sdk.model.MetricGoal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionRuleTest {

    static RegisteredVersion champion(Map<String, Double> metrics) {
        return new RegisteredVersion(1, "p", "p.m", 3, "champion", null, "m", Map.of(), null, null, metrics, Map.of(),
                Map.of(), "0".repeat(64), 10, Instant.now(), Instant.now(), "plugin:p", "first", null);
    }

    @Test
    void withoutAChampionTheFirstVersionWins() {
        var decision = PromotionRule.decide(MetricGoal.maximise("accuracy"), 0.0, 1, Map.of("accuracy", 0.1),
                Optional.empty());
        assertThat(decision.promote()).isTrue();
        assertThat(decision.reason()).contains("no champion yet");
    }

    @Test
    void aChallengerMustWinByMoreThanTheMargin() {
        var goal = MetricGoal.maximise("accuracy");
        var current = Optional.of(champion(Map.of("accuracy", 0.90)));
        assertThat(PromotionRule.decide(goal, 0.0, 4, Map.of("accuracy", 0.91), current).promote()).isTrue();
        var narrow = PromotionRule.decide(goal, 0.02, 4, Map.of("accuracy", 0.91), current);
        assertThat(narrow.promote()).isFalse();
        assertThat(narrow.reason()).contains("stays candidate", "champion version 3", "margin 0.0200000",
                "higher is better");
        assertThat(PromotionRule.decide(goal, 0.0, 4, Map.of("accuracy", 0.90), current).promote()).isFalse();
    }

    @Test
    void lowerIsBetterForErrorMetrics() {
        var goal = MetricGoal.minimise("rmse");
        var current = Optional.of(champion(Map.of("rmse", 1.0)));
        assertThat(PromotionRule.decide(goal, 0.1, 4, Map.of("rmse", 0.85), current).promote()).isTrue();
        assertThat(PromotionRule.decide(goal, 0.1, 4, Map.of("rmse", 0.95), current).promote()).isFalse();
        assertThat(PromotionRule.decide(goal, 0.0, 4, Map.of("rmse", 1.2), current).reason())
                .contains("lower is better");
    }

    @Test
    void aChampionWithoutThePrimaryMetricIsReplaced() {
        var decision = PromotionRule.decide(MetricGoal.minimise("rmse"), 0.0, 4, Map.of("rmse", 9.0),
                Optional.of(champion(Map.of("mae", 0.1))));
        assertThat(decision.promote()).isTrue();
        assertThat(decision.reason()).contains("has no rmse");
    }
}

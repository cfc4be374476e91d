package dev.operon.core.models;

import dev.operon.sdk.model.MetricGoal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a newly registered version replaces the champion: always when there is none (or the champion lacks the
 * primary metric), otherwise only when it beats the champion on the primary metric by more than the margin.
 */
final class PromotionRule {

    /** The verdict and the sentence that explains it (for the run's log and the audit log). */
    record Decision(boolean promote, String reason) {
    }

    private PromotionRule() {
    }

    static Decision decide(MetricGoal goal, double margin, int version, Map<String, Double> metrics,
                           Optional<RegisteredVersion> champion) {
        double challenger = metrics.get(goal.name());
        if (champion.isEmpty()) {
            return new Decision(true, "no champion yet: version " + version + " (" + goal.name() + " "
                    + format(challenger) + ") becomes champion");
        }
        RegisteredVersion current = champion.get();
        Double held = current.validationMetrics().get(goal.name());
        if (held == null || !Double.isFinite(held)) {
            return new Decision(true, "champion version " + current.version() + " has no " + goal.name()
                    + ": version " + version + " replaces it");
        }
        String comparison = goal.name() + " " + format(challenger) + " vs " + format(held) + " of champion version "
                + current.version() + " (" + (goal.higherIsBetter() ? "higher" : "lower") + " is better, margin "
                + format(margin) + ")";
        if (goal.beats(challenger, held, margin)) {
            return new Decision(true, "version " + version + " beats the champion: " + comparison);
        }
        return new Decision(false, "version " + version + " stays candidate: it does not beat the champion: "
                + comparison);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}

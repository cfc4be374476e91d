package dev.operon.plugins.marketing.experiments;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignOperations.IdInput;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.plugins.marketing.campaigns.Variant;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Experiment results per campaign, and sends and conversions over time. */
public final class ExperimentOperations {

    private ExperimentOperations() {
    }

    /**
     * One arm compared with the control.
     *
     * @param zScore                   two-proportion z against the control
     * @param pValue                   two-sided
     * @param probabilityToBeatControl Bayesian, Beta(1, 1) priors
     * @param probabilityBest          Bayesian probability of being the best variant (holdout excluded)
     */
    public record Arm(String name, long exposed, long conversions, double rate, double zScore, double pValue,
                      double probabilityToBeatControl, double probabilityBest) {
    }

    /**
     * Treated (every variant) against the holdout.
     *
     * @param difference treated rate minus holdout rate
     * @param low        95 % confidence interval, NaN without a holdout
     */
    public record Uplift(double treatedRate, double holdoutRate, double difference, double low, double high) {
    }

    /** @param control the arm the others are compared with: the holdout when there is one, else the first variant */
    public record Results(long campaignId, String goalEvent, long goalWindowSeconds, String control, List<Arm> arms,
                          Uplift uplift, String winner) {
    }

    /** One hour of activity. */
    public record Activity(Instant at, long sent, long conversions) {
    }

    public static List<Operation<?, ?>> all() {
        return List.of(
                Operation.query("experiment-results", "Experiment results", IdInput.class, Results.class,
                        (c, in) -> results(c, campaign(c, in.id()))),
                Operation.query("campaign-activity", "Sends and conversions per hour", IdInput.class, List.class,
                        (c, in) -> activity(c, campaign(c, in.id()))));
    }

    static Campaign campaign(OperationContext context, long id) throws SQLException {
        try (Connection c = context.data().dataSource().getConnection()) {
            return CampaignStore.get(c, id, false).orElseThrow(() -> OperationException.notFound("no campaign " + id));
        }
    }

    public static Results results(PluginScope s, Campaign k) throws SQLException {
        Map<String, Tally> tallies = Experiments.tallies(s, k);
        Tally holdout = tallies.get(Assigner.HOLDOUT);
        boolean hasHoldout = holdout.exposed() > 0;
        String controlName = hasHoldout ? Assigner.HOLDOUT : k.variants().get(0).name();
        Tally control = tallies.get(controlName);
        List<Tally> variantTallies = k.variants().stream().map(v -> tallies.get(v.name())).toList();
        double[] best = Stats.probabilityBest(variantTallies);
        List<Arm> arms = new ArrayList<>();
        long treatedExposed = 0;
        long treatedConverted = 0;
        for (int i = 0; i < k.variants().size(); i++) {
            Variant v = k.variants().get(i);
            Tally t = variantTallies.get(i);
            treatedExposed += t.exposed();
            treatedConverted += t.conversions();
            double[] z = Stats.zTest(control, t);
            arms.add(new Arm(v.name(), t.exposed(), t.conversions(), t.rate(), z[0], z[1],
                    v.name().equals(controlName) ? Double.NaN : Stats.probabilityToBeat(control, t), best[i]));
        }
        if (hasHoldout) {
            arms.add(new Arm(Assigner.HOLDOUT, holdout.exposed(), holdout.conversions(), holdout.rate(), 0, 1,
                    Double.NaN, Double.NaN));
        }
        Tally treated = new Tally(treatedExposed, treatedConverted);
        double[] u = Stats.uplift(holdout, treated);
        Uplift uplift = hasHoldout ? new Uplift(treated.rate(), holdout.rate(), u[0], u[1], u[2])
                : new Uplift(treated.rate(), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return new Results(k.id(), k.goalEvent(), k.goalWindowSeconds(), controlName, arms, uplift, k.winner());
    }

    static List<Activity> activity(PluginScope s, Campaign k) throws SQLException {
        TreeMap<Instant, long[]> hours = new TreeMap<>();
        List<Experiments.Exposure> exposures = Experiments.exposures(s, k);
        Map<Long, List<Instant>> goals = new java.util.HashMap<>();
        if (k.goalEvent() != null && !exposures.isEmpty()) {
            Instant first = exposures.stream().map(Experiments.Exposure::at).min(Instant::compareTo).orElseThrow();
            s.events().forEach(dev.operon.sdk.events.EventQuery.all().named(k.goalEvent()).between(first, null), e -> {
                if (e.profileId() != null) {
                    goals.computeIfAbsent(e.profileId(), p -> new ArrayList<>()).add(e.timestamp());
                }
            });
            goals.values().forEach(java.util.Collections::sort);
        }
        for (Experiments.Exposure x : exposures) {
            if (Assigner.HOLDOUT.equals(x.arm())) {
                continue;
            }
            hours.computeIfAbsent(x.at().truncatedTo(ChronoUnit.HOURS), h -> new long[2])[0]++;
            List<Instant> times = goals.get(x.profileId());
            if (times != null) {
                Instant end = x.at().plusSeconds(k.goalWindowSeconds());
                for (Instant t : times) {
                    if (!t.isBefore(x.at()) && !t.isAfter(end)) {
                        hours.computeIfAbsent(t.truncatedTo(ChronoUnit.HOURS), h -> new long[2])[1]++;
                        break;
                    }
                }
            }
        }
        List<Activity> out = new ArrayList<>();
        hours.forEach((at, c) -> out.add(new Activity(at, c[0], c[1])));
        return out;
    }
}

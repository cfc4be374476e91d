package dev.operon.plugins.recommend.experiments;

import dev.operon.plugins.recommend.feedback.OnlineMetrics;
import dev.operon.plugins.recommend.train.EventFeedback;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.profiles.Profile;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The A/B split's operations: a user's variant, and the variants compared on the online metrics. */
public final class ExperimentOperations {

    private ExperimentOperations() {
    }

    /** @param user a user id, an anonymous id or a profile id */
    public record AssignmentInput(@NotBlank @Size(max = 500) String user) {
    }

    /**
     * @param experiment the running experiment's name, or null when none runs
     * @param variant    the variant the user gets now
     * @param target     what that variant serves ({@code champion}, a model type, or null for the holdout)
     * @param recorded   the variant stored at the user's first recommendation under this experiment, or null
     */
    public record Assignment(String user, String userKey, String experiment, String variant, String target,
                             String recorded) {
    }

    /** @param days days of online metrics to compare (default 14) */
    public record ReportInput(@Min(0) @Max(90) int days) {
    }

    /**
     * One variant over the period.
     *
     * @param liftVsHoldout relative CTR difference to the holdout, null without holdout impressions
     * @param zVsHoldout    two-proportion z statistic of the CTR against the holdout (|z| > 1.96: 5% level)
     */
    public record VariantRow(String variant, String models, long served, long impressions, long clicks, double ctr,
                             Double liftVsHoldout, Double zVsHoldout) {
    }

    public static List<Operation<?, ?>> all() {
        return List.of(
                Operation.query("assignment", "A/B variant of a user", "Which variant a user gets (decided by a hash"
                        + " of the experiment name and the user), and the one recorded at their first"
                        + " recommendation.", AssignmentInput.class, Assignment.class, ExperimentOperations::assign),
                Operation.query("experiment-report", "A/B report", "Per variant over the last days: lists served,"
                        + " impressions, clicks, CTR and the lift against the holdout (from"
                        + " recommend.feedback-aggregate).", ReportInput.class, List.class,
                        ExperimentOperations::report));
    }

    private static Assignment assign(OperationContext c, AssignmentInput in) throws Exception {
        String user = in.user().strip();
        Optional<Profile> profile = c.profiles().resolve(user);
        if (profile.isEmpty() && user.matches("\\d{1,18}")) {
            profile = c.profiles().get(Long.parseLong(user));
        }
        String key = profile.map(p -> EventFeedback.profileKey(p.id())).orElse("u:" + user);
        Experiment experiment;
        try {
            experiment = Experiment.fromConfig(c.config());
        } catch (IllegalArgumentException e) {
            throw new OperationException(503, "the A/B settings are wrong: " + e.getMessage());
        }
        if (experiment == null) {
            return new Assignment(user, key, null, "default", "champion", null);
        }
        Variant variant = experiment.assign(key);
        String recorded = null;
        try (Connection conn = c.data().dataSource().getConnection();
             PreparedStatement s = conn.prepareStatement("SELECT variant FROM recommend_assignment"
                     + " WHERE user_key = ? AND experiment = ?")) {
            s.setString(1, key);
            s.setString(2, experiment.name());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    recorded = r.getString(1);
                }
            }
        }
        return new Assignment(user, key, experiment.name(), variant.name(), variant.target(), recorded);
    }

    private static List<VariantRow> report(OperationContext c, ReportInput in) throws Exception {
        int days = in.days() == 0 ? 14 : in.days();
        LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L);
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, TreeSet<String>> models = new LinkedHashMap<>();
        for (OnlineMetrics.Row r : new OnlineMetrics(c.data()).since(from)) {
            long[] t = totals.computeIfAbsent(r.variant(), k -> new long[3]);
            t[0] += r.served();
            t[1] += r.impressions();
            t[2] += r.clicks();
            models.computeIfAbsent(r.variant(), k -> new TreeSet<>()).add(r.model());
        }
        long[] holdout = totals.get(Experiment.HOLDOUT.name());
        List<VariantRow> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            long[] t = e.getValue();
            double ctr = t[1] == 0 ? 0 : (double) t[2] / t[1];
            Double lift = null;
            Double z = null;
            if (holdout != null && holdout[1] > 0 && !e.getKey().equals(Experiment.HOLDOUT.name()) && t[1] > 0) {
                double base = (double) holdout[2] / holdout[1];
                lift = base == 0 ? null : (ctr - base) / base;
                double pooled = (double) (t[2] + holdout[2]) / (t[1] + holdout[1]);
                double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / t[1] + 1.0 / holdout[1]));
                z = se == 0 ? null : (ctr - base) / se;
            }
            out.add(new VariantRow(e.getKey(), String.join(", ", models.get(e.getKey())), t[0], t[1], t[2], ctr,
                    lift, z));
        }
        return out;
    }
}

package dev.operon.plugins.behaviour.churn;

import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskSkipped;
import dev.operon.sdk.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code behaviour.churn-score}: scores every profile that allows analytics with the champion churn model, from its
 * events of the lookback window before now, and stores {@code behaviour.churn = {score, top_features,
 * model_version}} on the profile. Profiles that do not allow analytics are neither read for features nor scored.
 * Without a champion yet the run is skipped ({@link TaskSkipped}), not failed.
 */
public final class ChurnScoreTask implements TaskType<ChurnScoreInput, ChurnScoreSummary> {

    public static final String ID = "behaviour.churn-score";
    static final int BATCH = 256;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Score churn risk";
    }

    @Override
    public String description() {
        return "Writes each profile's churn probability and its top contributing features with the champion model.";
    }

    @Override
    public Class<ChurnScoreInput> inputType() {
        return ChurnScoreInput.class;
    }

    @Override
    public Class<ChurnScoreSummary> outputType() {
        return ChurnScoreSummary.class;
    }

    /** Daily at 04:30 UTC. */
    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 30 4 * * ?");
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofHours(1)).withConcurrency(Concurrency.SKIP);
    }

    @Override
    public ChurnScoreSummary run(TaskContext context, ChurnScoreInput input) {
        // a fresh workspace scores daily but trains weekly: until the first training there is nothing to do
        ModelVersion champion = context.models().champion(ChurnModelType.ID).orElseThrow(() -> new TaskSkipped(
                "no churn model yet: " + ChurnTrainTask.ID + " trains one (weekly by default, or run it now)"));
        Duration lookback = Duration.ofDays(input != null && input.lookbackDays() != null ? input.lookbackDays()
                : context.config().getInt(ChurnConfig.LOOKBACK_DAYS));
        ActivitySnapshot snapshot = ActivitySnapshot.of(context.events(), Instant.now(), lookback,
                context.config().require(ChurnConfig.REVENUE_PROPERTY));
        long total = context.profiles().count(ProfileQuery.all().allowing(Consent.ANALYTICS));
        List<Long> ids = new ArrayList<>();
        List<ChurnInput> inputs = new ArrayList<>();
        double[] sum = {0};
        int[] scored = {0};
        context.profiles().forEach(ProfileQuery.all().allowing(Consent.ANALYTICS), (Profile p) -> {
            ids.add(p.id());
            inputs.add(new ChurnInput(snapshot.features(p, null, null)));
            if (inputs.size() == BATCH) {
                sum[0] += flush(context, champion.version(), ids, inputs);
                scored[0] += BATCH;
                context.progress((int) Math.min(99, 100L * scored[0] / Math.max(1, total)), scored[0] + " scored");
            }
        });
        int last = inputs.size();
        sum[0] += flush(context, champion.version(), ids, inputs);
        scored[0] += last;
        context.log().info("scored " + scored[0] + " profiles with version " + champion.version());
        return new ChurnScoreSummary(champion.version(), scored[0], scored[0] == 0 ? 0 : sum[0] / scored[0]);
    }

    /** Scores one batch, stores the scores, empties the lists; returns the sum of the scores. */
    private static double flush(TaskContext context, int version, List<Long> ids, List<ChurnInput> inputs) {
        if (inputs.isEmpty()) {
            return 0;
        }
        context.checkCancelled();
        List<ChurnPrediction> predictions = context.models().predictBatch(ChurnModelType.ID, inputs);
        double sum = 0;
        for (int i = 0; i < predictions.size(); i++) {
            ChurnPrediction prediction = predictions.get(i);
            List<Map<String, Object>> top = new ArrayList<>();
            for (Contribution c : prediction.topFeatures()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("feature", c.feature());
                item.put("value", c.value());
                item.put("contribution", c.contribution());
                top.add(item);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("score", prediction.score());
            values.put("top_features", top);
            values.put("model_version", version);
            context.profiles().putScores(ids.get(i), "churn", values);
            sum += prediction.score();
        }
        ids.clear();
        inputs.clear();
        return sum;
    }
}

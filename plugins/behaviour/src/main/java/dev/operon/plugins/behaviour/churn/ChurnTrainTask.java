package dev.operon.plugins.behaviour.churn;

import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskSkipped;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code behaviour.churn-train}: trains the churn model on profile activity with a time-based holdout. With horizon
 * H and end E (now): the training rows are the profiles active in the lookback window before {@code E - 2H}, with
 * features from those events and label "no event in [E - 2H, E - H)"; the holdout rows are built the same way at
 * {@code E - H} with labels from {@code [E - H, E)}. The model never sees the holdout period; its ROC-AUC and PR-AUC
 * there are the version's metrics, and the platform promotes it only when its ROC-AUC beats the champion's.
 */
public final class ChurnTrainTask implements TaskType<ChurnTrainInput, ChurnTrainSummary> {

    @Override public dev.operon.sdk.task.Resources resources() { return dev.operon.sdk.task.Resources.gpuPreferred(); }

    public static final String ID = "behaviour.churn-train";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Train the churn model";
    }

    @Override
    public String description() {
        return "Trains the churn propensity model on profile activity and traits, evaluates it on a later period"
                + " (ROC-AUC, PR-AUC) and registers it; it serves when it beats the current one.";
    }

    @Override
    public Class<ChurnTrainInput> inputType() {
        return ChurnTrainInput.class;
    }

    @Override
    public Class<ChurnTrainSummary> outputType() {
        return ChurnTrainSummary.class;
    }

    /** Weekly, Sunday 03:00 UTC. */
    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 0 3 ? * SUN");
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofHours(2)).withConcurrency(Concurrency.SKIP);
    }

    @Override
    public ChurnTrainSummary run(TaskContext context, ChurnTrainInput input) throws Exception {
        long started = System.nanoTime();
        PluginConfig config = context.config();
        Duration horizon = Duration.ofDays(input.horizonDays() != null ? input.horizonDays()
                : config.getInt(ChurnConfig.HORIZON_DAYS));
        Duration lookback = Duration.ofDays(input.lookbackDays() != null ? input.lookbackDays()
                : config.getInt(ChurnConfig.LOOKBACK_DAYS));
        Instant end = input.asOf() != null ? input.asOf() : Instant.now();
        Instant holdoutCutoff = end.minus(horizon);
        Instant trainCutoff = holdoutCutoff.minus(horizon);
        String revenue = config.require(ChurnConfig.REVENUE_PROPERTY);
        int top = config.getInt(ChurnConfig.TOP_FEATURES);
        List<String> names = ChurnDataset.eventNames(context.events(), trainCutoff, lookback, revenue,
                config.getInt(ChurnConfig.EVENT_NAMES));
        Set<String> traits = ChurnConfig.traits(config.get(ChurnConfig.TRAITS).orElse(""));
        ChurnDataset train = ChurnDataset.at(context.events(), context.profiles(), trainCutoff, lookback, horizon,
                revenue, names, traits);
        ChurnDataset holdout = ChurnDataset.at(context.events(), context.profiles(), holdoutCutoff, lookback,
                horizon, revenue, names, traits);
        context.log().info(String.format(Locale.ROOT, "training cutoff %s: %d profiles, %d churned; holdout cutoff"
                        + " %s: %d profiles, %d churned", trainCutoff, train.rows().size(), train.positives(),
                holdoutCutoff, holdout.rows().size(), holdout.positives()));
        requireBothClasses("training", train);
        requireBothClasses("holdout", holdout);
        context.checkCancelled();

        List<String> columns = train.columns();
        FeatureEncoder encoder = FeatureEncoder.fit(columns, train.byColumn(columns));
        float[][] x = encode(encoder, columns, train);
        TrainingSettings settings = TrainingSettings.DEFAULT
                .withSeed(input.seed() != null ? input.seed() : TrainingSettings.DEFAULT.seed());
        int[] epochs = {0};
        ChurnModel.EpochListener listener = (member, epoch, trainLoss, validationLoss) -> {
            context.checkCancelled();
            int step = ++epochs[0];
            context.metric("train_loss", step, trainLoss);
            context.metric("validate_loss", step, validationLoss);
            context.progress(Math.min(90, 10 + 80 * member / settings.members()), "member " + (member + 1)
                    + " epoch " + epoch);
        };
        try (ChurnModel model = ChurnModel.train(encoder, x, train.churned(), settings, listener)) {
            float[][] holdoutRows = encode(encoder, columns, holdout);
            double[] scores = model.scores(holdoutRows);
            double auc = RankMetrics.rocAuc(scores, holdout.churned());
            double pr = RankMetrics.prAuc(scores, holdout.churned());
            ChurnModel.TrainingReport report = model.report();
            Path directory = Files.createTempDirectory("behaviour-churn-");
            model.save(directory);
            context.models().register(ModelDraft.of(ChurnModelType.ID, directory, ChurnModel.MODEL_NAME)
                    .validationMetric(ChurnModelType.ROC_AUC, auc)
                    .validationMetric(ChurnModelType.PR_AUC, pr)
                    .validationMetric("cv_roc_auc", report.outOfFoldRocAuc())
                    .validationMetric("cv_pr_auc", report.outOfFoldPrAuc())
                    .parameter("horizon-days", horizon.toDays())
                    .parameter("lookback-days", lookback.toDays())
                    .parameter("seed", settings.seed())
                    .parameter("members", report.members())
                    .parameter("epochs", report.epochs())
                    .parameter("train-rows", report.rows())
                    .parameter("holdout-rows", holdout.rows().size())
                    .dataWindow(trainCutoff.minus(lookback), end)
                    .property(ChurnModelType.TOP, Integer.toString(top))
                    .property("horizon-days", Long.toString(horizon.toDays()))
                    .build());
            double seconds = (System.nanoTime() - started) / 1e9;
            context.log().info(String.format(Locale.ROOT, "holdout ROC-AUC %.4f, PR-AUC %.4f (cross-validated"
                    + " ROC-AUC %.4f) in %.1f s", auc, pr, report.outOfFoldRocAuc(), seconds));
            context.progress(100, "registered");
            return new ChurnTrainSummary(trainCutoff.toString(), holdoutCutoff.toString(), train.rows().size(),
                    train.positives(), holdout.rows().size(), holdout.positives(), auc, pr,
                    report.outOfFoldRocAuc(), encoder.columns(), seconds);
        }
    }

    static float[][] encode(FeatureEncoder encoder, List<String> columns, ChurnDataset data) {
        String[][] values = data.byColumn(columns);
        float[][] out = new float[data.rows().size()][];
        String[] row = new String[columns.size()];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < columns.size(); c++) {
                row[c] = values[c][r];
            }
            out[r] = encoder.encode(encoder.align(columns, row));
        }
        return out;
    }

    private static void requireBothClasses(String which, ChurnDataset data) {
        int churned = data.positives();
        int stayed = data.rows().size() - churned;
        if (churned < 2 || stayed < 2) {
            throw new TaskSkipped("the " + which + " period has " + churned + " churned and " + stayed
                    + " retained profiles; at least 2 of each are needed (more events, a longer lookback or another"
                    + " horizon)");
        }
    }
}

package dev.operon.plugins.cs.training;

import dev.operon.plugins.cs.CsConfig;
import dev.operon.plugins.cs.support.Sql;
import dev.operon.plugins.cs.understanding.IntentModel;
import dev.operon.plugins.cs.understanding.IntentModelType;
import dev.operon.plugins.cs.understanding.IntentSettings;
import dev.operon.plugins.cs.understanding.IntentTrainer;
import dev.operon.plugins.cs.understanding.TrainingMonitor;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.task.PermanentTaskFailure;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code cs.intent-train}: trains the intent classifier on every training example (imported, and operators'
 * corrections) and registers the version; the platform makes it champion only when its validation accuracy beats
 * the current champion's.
 */
public final class IntentTrainTask implements TaskType<IntentTrainTask.Input, IntentTrainTask.Output> {

    @Override public dev.operon.sdk.task.Resources resources() { return dev.operon.sdk.task.Resources.gpuPreferred(); }

    /**
     * @param epochs         passes of the classifier over the data; absent: the standard configuration's
     * @param fineTuneEpochs epochs of English encoder fine-tuning (0: none); absent: the {@code fine-tune-epochs}
     *                       configuration
     */
    public record Input(@Min(1) @Max(500) Integer epochs, @Min(0) @Max(20) Integer fineTuneEpochs) {
    }

    /**
     * What the run trained.
     *
     * @param fineTunedEncoder whether the version serves over a fine-tuned English encoder
     * @param pretrainedEncoderAccuracy validation accuracy over the pretrained encoder when the encoder was
     *                                  fine-tuned (null when fine-tuning did not run: {@code validationAccuracy} is it)
     */
    public record Output(int examples, int labels, int validationRows, double validationAccuracy, double threshold,
                         boolean fineTunedEncoder, Double pretrainedEncoderAccuracy) {
    }

    @Override
    public String id() {
        return "cs.intent-train";
    }

    @Override
    public String title() {
        return "Customer service: train the intent classifier";
    }

    @Override
    public String description() {
        return "Trains the intent classifier on the labelled messages (imports and operators' corrections) and"
                + " registers it; it serves once its validation accuracy beats the champion's.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofHours(2));
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (Connection c = context.data().dataSource().getConnection()) {
            for (Map<String, Object> row : Sql.rows(c, "SELECT text, label FROM cs_training_example ORDER BY id")) {
                texts.add((String) row.get("text"));
                labels.add((String) row.get("label"));
            }
        }
        long distinct = labels.stream().distinct().count();
        if (distinct < 2) {
            throw new PermanentTaskFailure("training needs examples of at least two intents; there are "
                    + texts.size() + " examples of " + distinct);
        }
        IntentSettings settings = input == null || input.epochs() == null ? IntentSettings.DEFAULT
                : IntentSettings.DEFAULT.withEpochs(input.epochs());
        int fineTuneEpochs = input != null && input.fineTuneEpochs() != null ? input.fineTuneEpochs()
                : context.config().getInt(CsConfig.FINE_TUNE_EPOCHS);
        settings = settings.withFineTuneEpochs(fineTuneEpochs);
        context.progress(1, "encoding " + texts.size() + " messages");
        IntentModel model = IntentTrainer.trainOnTexts(texts, labels, settings, monitor(context, settings));
        try {
            IntentModel.Validation v = model.validation();
            Path dir = Files.createTempDirectory("cs-intent-");
            model.save(dir);
            ModelDraft.Builder draft = ModelDraft.of(IntentModelType.ID, dir, IntentModel.MODEL_NAME)
                    .validationMetric(IntentModelType.ACCURACY, Double.isNaN(v.accuracy()) ? 0 : v.accuracy())
                    .parameter("examples", texts.size())
                    .parameter("labels", (int) distinct)
                    .parameter("hidden", settings.hidden())
                    .parameter("epochs", settings.epochs())
                    .parameter("validationRows", v.rows());
            if (!Double.isNaN(v.accuracyWithoutThreshold())) {
                draft.validationMetric("accuracy_without_threshold", v.accuracyWithoutThreshold());
            }
            draft.parameter("fineTuneEpochs", fineTuneEpochs).parameter("scorer", model.scorer().id());
            if (v.scorers() != null) {
                v.scorers().accuracies().forEach((scorer, accuracy) ->
                        draft.validationMetric("accuracy_scorer_" + scorer.id(), accuracy));
            }
            IntentModel.FineTuning tuning = model.fineTuning();
            if (tuning != null) {
                draft.parameter("fineTunedEncoder", tuning.used())
                        .parameter("fineTuneBestEpoch", tuning.bestEpoch());
                if (!Double.isNaN(tuning.pretrainedAccuracy())) {
                    draft.validationMetric("accuracy_pretrained_encoder", tuning.pretrainedAccuracy());
                }
                if (!Double.isNaN(tuning.fineTunedAccuracy())) {
                    draft.validationMetric("accuracy_fine_tuned_encoder", tuning.fineTunedAccuracy());
                }
            }
            model.properties().forEach(draft::property);
            context.models().register(draft.build());
            try (Connection c = context.data().dataSource().getConnection()) {
                Sql.update(c, "INSERT INTO cs_training_run (run_id, examples, labels, validation_rows,"
                        + " validation_accuracy, threshold, confusion) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (run_id) DO UPDATE SET trained_at = now(), examples = excluded.examples,"
                        + " labels = excluded.labels, validation_rows = excluded.validation_rows,"
                        + " validation_accuracy = excluded.validation_accuracy, threshold = excluded.threshold,"
                        + " confusion = excluded.confusion", context.runId(), texts.size(), (int) distinct, v.rows(),
                        Double.isNaN(v.accuracy()) ? null : v.accuracy(), model.threshold(), encode(v.confusion()));
            }
            context.progress(100, "registered");
            context.log().info(String.format(java.util.Locale.ROOT, "trained on %d examples of %d intents;"
                    + " validation accuracy %.4f on %d messages, out-of-scope threshold %.3f%s", texts.size(), distinct,
                    v.accuracy(), v.rows(), model.threshold(), tuning == null ? "" : String.format(java.util.Locale.ROOT,
                    "; encoder fine-tuned for %d epochs (best %d): validation accuracy %.4f over it against %.4f over"
                            + " the pretrained one, %s", tuning.encoderEpochs(), tuning.bestEpoch(),
                    tuning.fineTunedAccuracy(), tuning.pretrainedAccuracy(), tuning.used() ? "fine-tuned kept"
                            : "pretrained kept")));
            return new Output(texts.size(), (int) distinct, v.rows(), v.accuracy(), model.threshold(),
                    model.englishEncoder() != null, tuning == null ? null : tuning.pretrainedAccuracy());
        } finally {
            model.close();
        }
    }

    /**
     * Progress: encoder fine-tuning (when configured) takes most of the run, then up to four classifier fits (with
     * and without the validation rows, over each encoder). Cancellation is checked after every step and epoch.
     */
    private static TrainingMonitor monitor(TaskContext context, IntentSettings settings) {
        boolean tuning = settings.fineTune() != null;
        return new TrainingMonitor() {
            @Override
            public void epoch(String phase, int epoch, int epochs, double loss) {
                context.checkCancelled();
                context.metric(phase.replace(' ', '_') + "_loss", epoch, loss);
                double share = ((phase.endsWith("final") ? epochs : 0) + epoch) / (2.0 * epochs);
                int from = !tuning ? 5 : phase.startsWith("fine-tuned") ? 75 : 5;
                int span = tuning ? 20 : 90;
                context.progress(from + (int) (span * share), phase + " model, epoch " + epoch + " of " + epochs);
            }

            @Override
            public void fineTuneStep(int epoch, int epochs, int step, int steps, double loss) {
                context.checkCancelled();
                if (step % 10 == 0 || step == steps) {
                    int percent = 25 + 50 * ((epoch - 1) * steps + step) / Math.max(1, epochs * steps);
                    context.progress(Math.min(75, percent), "fine-tuning the encoder, epoch " + epoch + " of " + epochs
                            + ", step " + step + " of " + steps);
                }
            }

            @Override
            public void fineTuneEpoch(int epoch, int epochs, double loss, double accuracy, double seconds) {
                context.checkCancelled();
                context.metric("fine_tune_loss", epoch, loss);
                if (!Double.isNaN(accuracy)) {
                    context.metric("fine_tune_validation_accuracy", epoch, accuracy);
                }
            }
        };
    }

    /** {@code true<TAB>predicted<TAB>count} lines: compact, and read back by the metrics operation. */
    static String encode(Map<String, Map<String, Integer>> confusion) {
        return confusion.entrySet().stream()
                .flatMap(t -> t.getValue().entrySet().stream().map(p -> t.getKey() + "\t" + p.getKey() + "\t"
                        + p.getValue()))
                .collect(Collectors.joining("\n"));
    }
}

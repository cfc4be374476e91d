package dev.operon.sdk.model;

import ai.djl.training.Trainer;
import ai.djl.training.listener.EvaluatorTrainingListener;
import dev.operon.sdk.task.TaskContext;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DJL training listener that reports each epoch to the run: progress, a log line with the epoch's loss and
 * evaluator values, and one {@link TaskContext#metric} point per value (the console draws them). It also stops the
 * training between batches when the run is cancelled, by throwing {@link dev.operon.sdk.task.TaskCancelledException}.
 * Add it to the {@code TrainingConfig} instead of {@code TrainingListener.Defaults.basic()}'s evaluator listener.
 */
public class EpochProgress extends EvaluatorTrainingListener {

    private final TaskContext context;
    private final int totalEpochs;
    private int epoch;
    private Map<String, Double> latest = Map.of();

    public EpochProgress(TaskContext context, int totalEpochs) {
        this.context = context;
        this.totalEpochs = Math.max(1, totalEpochs);
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        super.onTrainingBatch(trainer, batchData);
        context.checkCancelled();
    }

    @Override
    public void onEpoch(Trainer trainer) {
        super.onEpoch(trainer);
        epoch++;
        Map<String, Double> values = new TreeMap<>();
        // DJL names them train_<evaluator>, validate_<evaluator>, train_loss and validate_loss
        getLatestEvaluations().forEach((name, value) -> values.put(name, value.doubleValue()));
        latest = Map.copyOf(values);
        StringBuilder line = new StringBuilder("epoch " + epoch + "/" + totalEpochs);
        values.forEach((name, value) -> {
            line.append(String.format(Locale.ROOT, " %s=%.4f", name, value));
            context.metric(name, epoch, value);
        });
        context.log().info(line.toString());
        context.progress(epoch * 100 / totalEpochs, line.toString());
        context.checkCancelled();
    }

    /** The last epoch's values, such as {@code train_loss} and {@code validate_Accuracy}. */
    public Map<String, Double> latest() {
        return latest;
    }

    public int epochs() {
        return epoch;
    }
}

package dev.operon.plugins.behaviour.churn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.translate.Translator;
import dev.operon.sdk.model.MetricGoal;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code behaviour.churn}: the churn network trained by {@link ChurnTrainTask}; a new version becomes champion when
 * its ROC-AUC on the time-based holdout beats the champion's.
 */
public final class ChurnModelType implements ModelType<ChurnInput, ChurnPrediction> {

    public static final String ID = "behaviour.churn";
    /** The primary metric: ROC-AUC on the later of the two cutoffs. */
    public static final String ROC_AUC = "roc_auc";
    public static final String PR_AUC = "pr_auc";
    /** Property: how many top features a prediction lists. */
    static final String TOP = "top-features";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Churn propensity";
    }

    @Override
    public String description() {
        return "Probability that a profile has no activity in the next N days, from its activity and traits, with the"
                + " features that moved each score most.";
    }

    @Override
    public Class<ChurnInput> inputType() {
        return ChurnInput.class;
    }

    @Override
    public Class<ChurnPrediction> outputType() {
        return ChurnPrediction.class;
    }

    @Override
    public MetricGoal primaryMetric() {
        return MetricGoal.maximise(ROC_AUC);
    }

    @Override
    public Model load(ModelFiles files, Device device) throws IOException, MalformedModelException {
        return ChurnModel.loadNetwork(files.directory(), device);
    }

    @Override
    public Translator<ChurnInput, ChurnPrediction> translator(ModelFiles files) {
        try {
            int top = Integer.parseInt(files.properties().getOrDefault(TOP, "3"));
            return new ChurnTranslator(ChurnModel.loadEncoder(files.directory()), top);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the churn encoder of " + files.directory(), e);
        }
    }
}

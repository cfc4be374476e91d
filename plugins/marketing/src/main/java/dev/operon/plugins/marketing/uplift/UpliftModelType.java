package dev.operon.plugins.marketing.uplift;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.translate.Translator;
import dev.operon.sdk.model.MetricGoal;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * {@code marketing.uplift}: the two-model uplift network trained by {@link UpliftTrainTask} on past campaign sends
 * (treated) and holdouts (control); a new version becomes champion when its Qini coefficient on the validation rows
 * beats the champion's.
 */
public final class UpliftModelType implements ModelType<UpliftInput, UpliftScore> {

    public static final String ID = "marketing.uplift";
    /** The primary metric. */
    public static final String QINI = "qini";
    static final String MODEL_NAME = "marketing-uplift";
    static final String ENCODER_FILE = "encoder.properties";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Campaign uplift";
    }

    @Override
    public String description() {
        return "How much a campaign message raises a user's chance of reaching the campaign's goal (treated minus"
                + " untreated probability), from their traits and activity; campaigns with target positive-uplift"
                + " send only to users above 0.";
    }

    @Override
    public Class<UpliftInput> inputType() {
        return UpliftInput.class;
    }

    @Override
    public Class<UpliftScore> outputType() {
        return UpliftScore.class;
    }

    @Override
    public MetricGoal primaryMetric() {
        return MetricGoal.maximise(QINI);
    }

    @Override
    public Model load(ModelFiles files, Device device) throws IOException, MalformedModelException {
        return TwoModelUplift.load(files.directory(), files.modelName(), device);
    }

    @Override
    public Translator<UpliftInput, UpliftScore> translator(ModelFiles files) {
        try {
            return new UpliftTranslator(FeatureEncoder.read(Files.readString(files.directory().resolve(ENCODER_FILE),
                    StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uplift encoder of " + files.directory(), e);
        }
    }
}

package dev.operon.examples.imageclassifier;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.translate.Translator;
import dev.operon.sdk.model.MetricGoal;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import java.io.IOException;
import java.util.List;

/**
 * The image classifier's model: {@link CnnBlock} with the parameters a training saved. A version carries its class
 * names ({@value #CLASSES}) and input size ({@value #IMAGE_SIZE}) as properties; the one with the higher validation
 * {@value #ACCURACY} wins.
 */
final class CnnModelType implements ModelType<Image, Classification> {

    static final String CLASSES = "classes";
    static final String IMAGE_SIZE = "image-size";
    static final String ACCURACY = "accuracy";

    @Override
    public String id() {
        return ImageClassifierPlugin.MODEL;
    }

    @Override
    public String title() {
        return "Image CNN";
    }

    @Override
    public String description() {
        return "A small convolutional network that tells which class (sub-folder of the training folder) an image"
                + " belongs to.";
    }

    @Override
    public Class<Image> inputType() {
        return Image.class;
    }

    @Override
    public Class<Classification> outputType() {
        return Classification.class;
    }

    @Override
    public MetricGoal primaryMetric() {
        return MetricGoal.maximise(ACCURACY);
    }

    @Override
    public Model load(ModelFiles files, Device device) throws IOException, MalformedModelException {
        List<String> classes = ClassNames.decode(files.property(CLASSES));
        Model model = Model.newInstance(files.modelName(), device);
        try {
            model.setBlock(CnnBlock.build(classes.size()));
            model.load(files.directory(), files.modelName());
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public Translator<Image, Classification> translator(ModelFiles files) {
        return new CnnTranslator(ClassNames.decode(files.property(CLASSES)),
                Integer.parseInt(files.property(IMAGE_SIZE)));
    }
}

package dev.operon.examples.imageclassifier;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between an image and the CNN: the image becomes the same normalised tensor as in training; the network's scores
 * become probabilities (softmax) and the most likely label. Stateless, so one instance serves every predictor.
 */
final class CnnTranslator implements Translator<Image, Classification> {

    private final List<String> classes;
    private final int imageSize;

    CnnTranslator(List<String> classes, int imageSize) {
        this.classes = List.copyOf(classes);
        this.imageSize = imageSize;
    }

    @Override
    public NDList processInput(TranslatorContext context, Image input) {
        return new NDList(ImageTensors.toTensor(context.getNDManager(), input, imageSize));
    }

    @Override
    public Classification processOutput(TranslatorContext context, NDList output) {
        NDArray scores = output.singletonOrThrow();
        float[] probabilities = scores.softmax(0).toFloatArray();
        if (probabilities.length != classes.size()) {
            throw new IllegalStateException("the model has " + probabilities.length + " outputs for "
                    + classes.size() + " classes");
        }
        Map<String, Double> byClass = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < probabilities.length; i++) {
            byClass.put(classes.get(i), (double) probabilities[i]);
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return new Classification(classes.get(best), probabilities[best], byClass);
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}

package dev.operon.examples.imageclassifier;

import java.util.List;

/**
 * What a training run produced. The model itself is registered as a version of {@value ImageClassifierPlugin#MODEL}.
 *
 * @param classes            the class names, in the model's output order
 * @param trainImages        images trained on
 * @param validationImages   images held out
 * @param skippedFiles       files that could not be read as images
 * @param epochs             epochs run
 * @param validationAccuracy share of held-out images classified correctly after the last epoch
 * @param validationLoss     cross-entropy on the held-out images after the last epoch
 * @param trainLoss          cross-entropy on the training images in the last epoch
 * @param seconds            wall-clock time of the training, loading included
 */
public record TrainSummary(List<String> classes, int trainImages, int validationImages, int skippedFiles, int epochs,
                           double validationAccuracy, double validationLoss, double trainLoss, double seconds) {
}

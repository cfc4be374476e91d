package dev.operon.examples.imageclassifier;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Parameters of the training task. Every field but {@code folder} may be left out: the plugin's configuration then
 * gives the value.
 *
 * @param folder             the image folder on the node running the task: one sub-folder per class, named after it
 * @param epochs             passes over the training images
 * @param imageSize          images are resized to a square of this many pixels
 * @param batchSize          images per training step
 * @param learningRate       Adam's learning rate
 * @param validationFraction share of each class held out to measure accuracy
 * @param seed               seed of the split, the shuffling and the initial weights
 */
public record TrainInput(
        @NotBlank String folder,
        @Min(1) @Max(200) Integer epochs,
        @Min(8) @Max(128) Integer imageSize,
        @Min(1) @Max(1024) Integer batchSize,
        @DecimalMin("0.00001") @DecimalMax("1") Double learningRate,
        @DecimalMin("0.05") @DecimalMax("0.5") Double validationFraction,
        Integer seed) {

    /** Training on {@code folder} with every other setting from the configuration. */
    public static TrainInput of(String folder) {
        return new TrainInput(folder, null, null, null, null, null, null);
    }
}

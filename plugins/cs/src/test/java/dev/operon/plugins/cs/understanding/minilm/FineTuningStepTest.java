package dev.operon.plugins.cs.understanding.minilm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The fine-tuning step's guard on a small linear classifier: a step whose loss or gradients are not finite is left
 * out, and the steps after it train normally (the 4-epoch BANKING77 run skipped every step after its first
 * non-finite one, because the skipped step's NaN gradients were never cleared).
 */
class FineTuningStepTest {

    @Test
    void aNonFiniteStepIsSkippedAndTheNextStepsTrainNormally() {
        try (Model model = Model.newInstance("step", Device.cpu(), "PyTorch")) {
            Block block = Linear.builder().setUnits(3).build();
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(2, 4));
                NDManager manager = trainer.getManager();
                NDArray labels = manager.create(new float[] {0, 2});
                float[] before = weights(block);

                EncoderFineTuner.StepOutcome poisoned = EncoderFineTuner.step(trainer, block,
                        new NDList(manager.create(new float[] {1, Float.NaN, 0, 1, 0, 1, 1, 0}, new Shape(2, 4))),
                        labels);
                assertFalse(poisoned.applied());
                assertTrue(poisoned.skippedBecause().startsWith("loss NaN"), poisoned.skippedBecause());
                assertTrue(Arrays.equals(before, weights(block)), "a skipped step changes no weight");

                NDList finite = new NDList(manager.create(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, new Shape(2, 4)));
                for (int step = 1; step <= 3; step++) {
                    EncoderFineTuner.StepOutcome next = EncoderFineTuner.step(trainer, block, finite, labels);
                    assertNull(next.skippedBecause(), "step " + step + " after the skipped one");
                    assertTrue(Float.isFinite(next.loss()));
                }
                float[] after = weights(block);
                for (float w : after) {
                    assertTrue(Float.isFinite(w), "weights stay finite: " + Arrays.toString(after));
                }
                assertNotEquals(Arrays.toString(before), Arrays.toString(after), "the finite steps trained");
                assertEquals(0, EncoderFineTuner.nonFiniteGradients(block).size());
            }
        }
    }

    private static float[] weights(Block block) {
        return block.getParameters().get("weight").getArray().toFloatArray();
    }
}

package dev.operon.plugins.recommend.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import dev.operon.plugins.recommend.Synthetic;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.VaeRecommender;
import org.junit.jupiter.api.Test;

/** The plain-Java Mult-VAE scorer computes what the DJL network computes at inference (the latent mean). */
class VaeBlockTest {

    @Test
    void servingScoresEqualTheNetworksInferenceLogits() {
        Interactions data = Synthetic.groups(2, 5, 7, 4, 3);
        int items = data.itemCount();
        int hidden = 6;
        int latent = 3;
        try (Model model = Model.newInstance("vae-test")) {
            VaeBlock block = new VaeBlock(items, hidden, latent, 0.5f);
            block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            // non-zero biases, so that they are checked too
            block.setInitializer(new NormalInitializer(0.3f), Parameter.Type.BIAS);
            model.setBlock(block);
            NDManager manager = model.getNDManager();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, items), new Shape(1, latent));
            Parameter[] p = block.servingParameters();
            float[][] w = new float[p.length][];
            for (int k = 0; k < p.length; k++) {
                w[k] = p[k].getArray().toFloatArray();
            }
            VaeRecommender serving = new VaeRecommender(data.users(), data.items(), new VaeRecommender.VaeWeights(
                    hidden, latent, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]));
            float[] scores = new float[items];
            for (int u = 0; u < data.userCount(); u++) {
                float[] row = new float[items];
                for (int i : data.itemsOf(u)) {
                    row[i] = 1f;
                }
                try (NDManager step = manager.newSubManager()) {
                    NDArray input = step.create(row, new Shape(1, items));
                    NDArray eps = step.randomNormal(new Shape(1, latent));
                    NDList out = block.forward(new ParameterStore(step, false), new NDList(input, eps), false);
                    float[] logits = out.get(0).toFloatArray();
                    serving.score(u, data.itemsOf(u), scores);
                    double spread = 0;
                    for (int i = 0; i < items; i++) {
                        assertEquals(logits[i], scores[i], 1e-4f, "user " + u + " item " + i);
                        spread = Math.max(spread, Math.abs(logits[i] - logits[0]));
                    }
                    assertTrue(spread > 1e-3, "scores that differ between items");
                }
            }
        }
    }
}

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
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import dev.operon.plugins.recommend.Synthetic;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.RecVaeRecommender;
import org.junit.jupiter.api.Test;

/**
 * RecVAE's parts against their definitions: the plain-Java serving model computes what the DJL encoder's mean and
 * the decoder compute, and the composite prior is the three-part mixture written out in double precision.
 */
class RecVaeTest {

    @Test
    void servingScoresEqualTheNetworksMeanPathLogits() {
        Interactions data = Synthetic.groups(2, 5, 7, 4, 3);
        int items = data.itemCount();
        int hidden = 6;
        int latent = 3;
        int layers = 3;
        try (Model encoderModel = Model.newInstance("recvae-encoder-test");
             Model decoderModel = Model.newInstance("recvae-decoder-test")) {
            RecVaeEncoder encoder = new RecVaeEncoder(items, hidden, latent, layers);
            encoder.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            // non-zero biases and norm shifts, scales away from 1, so that every weight is checked
            encoder.setInitializer(new NormalInitializer(0.3f), Parameter.Type.BIAS);
            encoder.setInitializer(new NormalInitializer(0.3f), Parameter.Type.BETA);
            encoder.setInitializer(new NormalInitializer(1f), Parameter.Type.GAMMA);
            Linear decoder = Linear.builder().setUnits(items).build();
            decoder.setInitializer(new NormalInitializer(0.3f), Parameter.Type.BIAS);
            encoderModel.setBlock(encoder);
            decoderModel.setBlock(decoder);
            NDManager manager = encoderModel.getNDManager();
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, items));
            decoder.initialize(decoderModel.getNDManager(), DataType.FLOAT32, new Shape(1, latent));
            RecVaeRecommender serving = RecVaeTrainer.servingModel(data, encoder, decoder, hidden, latent, layers);
            float[] scores = new float[items];
            for (int u = 0; u < data.userCount(); u++) {
                float[] row = new float[items];
                for (int i : data.itemsOf(u)) {
                    row[i] = 1f;
                }
                try (NDManager step = manager.newSubManager()) {
                    NDArray input = RecVaeEncoder.prepare(step.create(row, new Shape(1, items)), 0f);
                    NDArray mu = encoder.forward(new ParameterStore(step, false), new NDList(input), false).get(0);
                    float[] logits = decoder.forward(new ParameterStore(step, false), new NDList(mu), false)
                            .head().toFloatArray();
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

    @Test
    void compositePriorIsTheWeightedMixtureOfItsThreeNormals() {
        float[] z = {-3f, -0.5f, 0f, 0.7f, 4f, 30f};
        float[] mu = {-2.5f, 0f, 1f, 0.7f, -1f, 0f};
        float[] logVar = {-1f, 0.5f, -4f, 0f, 2f, -3f};
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] got = CompositePrior.logDensity(manager.create(z), manager.create(mu), manager.create(logVar))
                    .toFloatArray();
            for (int k = 0; k < z.length; k++) {
                double mixture = 3.0 / 20 * normal(z[k], 0, 0) + 3.0 / 4 * normal(z[k], mu[k], logVar[k])
                        + 1.0 / 10 * normal(z[k], 0, 10);
                assertEquals(Math.log(mixture), got[k], 1e-4 * Math.max(1, Math.abs(Math.log(mixture))),
                        "z " + z[k]);
            }
        }
    }

    private static double normal(double z, double mu, double logVar) {
        double variance = Math.exp(logVar);
        return Math.exp(-(z - mu) * (z - mu) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
    }
}

package dev.operon.plugins.behaviour.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The churn model learns a planted signal, finds nothing in shuffled labels, and explains with the right column. */
class ChurnModelTest {

    private static final List<String> COLUMNS = List.of("tenure", "plan", "noise", "region");

    /** Rows whose churn depends on tenure (short is risky) and plan (monthly is risky), not on noise or region. */
    record Data(String[][] columns, boolean[] labels) {
    }

    static Data planted(int n, long seed, boolean shuffle) {
        Random random = new Random(seed);
        String[][] columns = new String[COLUMNS.size()][n];
        boolean[] labels = new boolean[n];
        for (int r = 0; r < n; r++) {
            double tenure = random.nextInt(72);
            boolean monthly = random.nextDouble() < 0.5;
            double logit = 1.0 - 0.06 * tenure + (monthly ? 1.5 : -1.0);
            labels[r] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            columns[0][r] = r % 50 == 0 ? " " : Double.toString(tenure);
            columns[1][r] = monthly ? "Month-to-month" : random.nextBoolean() ? "One year" : "Two year";
            columns[2][r] = Double.toString(random.nextGaussian());
            columns[3][r] = "r" + random.nextInt(4);
        }
        if (shuffle) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                boolean t = labels[i];
                labels[i] = labels[j];
                labels[j] = t;
            }
        }
        return new Data(columns, labels);
    }

    static float[][] encode(FeatureEncoder encoder, Data data) {
        int n = data.labels.length;
        float[][] out = new float[n][];
        String[] row = new String[COLUMNS.size()];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                row[c] = data.columns[c][r];
            }
            out[r] = encoder.encode(encoder.align(COLUMNS, row));
        }
        return out;
    }

    private static final TrainingSettings FAST = TrainingSettings.DEFAULT.withMembers(3);

    @Test
    void learnsAPlantedSignalAndExplainsItWithTheRightColumns() throws Exception {
        Data train = planted(2000, 1, false);
        Data test = planted(1000, 2, false);
        FeatureEncoder encoder = FeatureEncoder.fit(COLUMNS, train.columns);
        try (ChurnModel model = ChurnModel.train(encoder, encode(encoder, train), train.labels, FAST, null)) {
            double auc = RankMetrics.rocAuc(model.scores(encode(encoder, test)), test.labels);
            assertTrue(auc > 0.8, "held-out ROC-AUC " + auc);
            assertTrue(model.report().outOfFoldRocAuc() > 0.8, "out-of-fold " + model.report());

            // the two planted columns explain far more than the two noise columns
            double[][] contributions = model.contributions(encode(encoder, test));
            double[] mean = new double[encoder.columns().size()];
            for (double[] row : contributions) {
                for (int g = 0; g < row.length; g++) {
                    mean[g] += Math.abs(row[g]) / contributions.length;
                }
            }
            List<String> order = encoder.columns();
            double signal = Math.min(mean[order.indexOf("tenure")], mean[order.indexOf("plan")]);
            double noise = Math.max(mean[order.indexOf("noise")], mean[order.indexOf("region")]);
            assertTrue(signal > 3 * noise, "signal " + signal + " noise " + noise);

            // saved and loaded, it scores the same
            Path dir = Files.createTempDirectory("churn-model-test");
            model.save(dir);
            float[][] rows = encode(encoder, test);
            try (ChurnModel loaded = ChurnModel.load(dir, Device.cpu())) {
                assertArrayEquals(model.scores(rows), loaded.scores(rows), 1e-6);
            }
        }
    }

    @Test
    void shuffledLabelsScoreNearChance() {
        Data train = planted(1500, 3, true);
        Data test = planted(1500, 4, true);
        FeatureEncoder encoder = FeatureEncoder.fit(COLUMNS, train.columns);
        try (ChurnModel model = ChurnModel.train(encoder, encode(encoder, train), train.labels, FAST, null)) {
            double auc = RankMetrics.rocAuc(model.scores(encode(encoder, test)), test.labels);
            assertTrue(Math.abs(auc - 0.5) < 0.06, "ROC-AUC on shuffled labels " + auc);
        }
    }

    @Test
    void theSameSeedGivesTheSameScores() {
        Data train = planted(600, 5, false);
        FeatureEncoder encoder = FeatureEncoder.fit(COLUMNS, train.columns);
        float[][] rows = encode(encoder, train);
        TrainingSettings settings = FAST.withMaxEpochs(15);
        try (ChurnModel a = ChurnModel.train(encoder, rows, train.labels, settings, null);
             ChurnModel b = ChurnModel.train(encoder, rows, train.labels, settings, null)) {
            assertArrayEquals(a.scores(rows), b.scores(rows), 1e-6);
            assertEquals(a.report().epochs(), b.report().epochs());
        }
    }
}

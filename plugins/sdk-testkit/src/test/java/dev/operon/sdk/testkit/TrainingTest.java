package dev.operon.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.sdk.model.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DJL's PyTorch engine allows one gradient collector per JVM; {@link Training} lets trainings on several threads take
 * turns instead of failing each other.
 */
class TrainingTest {

    @Test
    void aSecondCollectorWaitsForTheFirstInsteadOfFailing() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (NDManager manager = NDManager.newBaseManager();
             Model first = lineModel(); Model second = lineModel();
             Trainer firstTrainer = trainer(first); Trainer secondTrainer = trainer(second)) {
            Future<Boolean> secondTurn;
            try (GradientCollector collector = Training.collector(firstTrainer)) {
                secondTurn = other.submit(() -> {
                    try (GradientCollector late = Training.collector(secondTrainer)) {
                        return true;
                    }
                });
                // DJL's own collector would have failed at once; this one is still waiting for its turn
                try {
                    secondTurn.get(300, TimeUnit.MILLISECONDS);
                    throw new AssertionError("the second collector opened while the first was open");
                } catch (TimeoutException expected) {
                    assertFalse(secondTurn.isDone());
                }
                collector.backward(square(firstTrainer, manager));
            }
            assertTrue(secondTurn.get(30, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void closingACollectorTwiceEndsTheTurnOnce() throws Exception {
        try (Model model = lineModel(); Trainer trainer = trainer(model)) {
            GradientCollector collector = Training.collector(trainer);
            collector.close();
            collector.close();
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> next = other.submit(() -> {
                    try (GradientCollector again = Training.collector(trainer)) {
                        return true;
                    }
                });
                assertTrue(next.get(30, TimeUnit.SECONDS));
            } finally {
                other.shutdownNow();
            }
        }
    }

    @Test
    void twoTrainingsAtOnceBothFinishAndBothLearn() throws Exception {
        int trainings = 3;
        ExecutorService pool = Executors.newFixedThreadPool(trainings);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < trainings; i++) {
                float slope = 1 + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return fitLine(slope, 40);
                }));
            }
            start.countDown();
            for (int i = 0; i < trainings; i++) {
                float[] learned = results.get(i).get(5, TimeUnit.MINUTES);
                assertEquals(1 + i, learned[0], 0.05, "slope of training " + i);
                assertEquals(0.5, learned[1], 0.05, "intercept of training " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void builtInPluginsOpenNoGradientCollectorOfTheirOwn() throws IOException {
        Path plugins = Path.of("..").toAbsolutePath().normalize();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(plugins)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/"))
                    .filter(p -> !p.startsWith(plugins.resolve("sdk/src/main"))).toList()) {
                String source = Files.readString(file);
                if (source.contains(".newGradientCollector()") || source.contains("EasyTrain.fit(")
                        || source.contains("EasyTrain.trainBatch(")) {
                    offenders.add(plugins.relativize(file).toString());
                }
            }
        }
        offenders.remove("sdk-testkit/src/test/java/dev/operon/sdk/testkit/TrainingTest.java");
        assertEquals(List.of(), offenders, "use dev.operon.sdk.model.Training instead of DJL's collector or EasyTrain");
    }

    /** Fits y = slope * x + 0.5 with {@link Training#fit} and returns the learned slope and intercept. */
    private static float[] fitLine(float slope, int epochs) throws Exception {
        float[] xs = new float[64];
        float[] ys = new float[64];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i / 32f - 1;
            ys[i] = slope * xs[i] + 0.5f;
        }
        try (NDManager manager = NDManager.newBaseManager(); Model model = lineModel()) {
            ArrayDataset data = new ArrayDataset.Builder()
                    .setData(manager.create(xs, new Shape(64, 1)))
                    .optLabels(manager.create(ys, new Shape(64, 1)))
                    .setSampling(8, true).build();
            try (Trainer trainer = trainer(model)) {
                Training.fit(trainer, epochs, data, null);
            }
            float learnedSlope = model.getBlock().getParameters().get("weight").getArray().getFloat();
            float intercept = model.getBlock().getParameters().get("bias").getArray().getFloat();
            return new float[] {learnedSlope, intercept};
        }
    }

    private static Model lineModel() {
        Model model = Model.newInstance("line");
        model.setBlock(Linear.builder().setUnits(1).build());
        return model;
    }

    private static Trainer trainer(Model model) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build());
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(1, 1));
        return trainer;
    }

    private static NDArray square(Trainer trainer, NDManager manager) {
        NDArray x = manager.create(new float[] {1f}, new Shape(1, 1));
        return trainer.forward(new NDList(x)).singletonOrThrow().square().sum();
    }
}

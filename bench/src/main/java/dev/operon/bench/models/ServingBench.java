package dev.operon.bench.models;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.operon.core.models.DjlSettings;
import dev.operon.core.models.ModelSlot;
import dev.operon.core.models.PredictorPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Model serving, measured (docs/benchmarks-models.md): the platform's {@link PredictorPool} behind a
 * {@link ModelSlot} against bare DJL predictors on the same model in the same JVM, and the time to load a saved
 * version and swap it in. A harness, not a test: run it by hand (command in the document).
 *
 * <p>Arguments: milliseconds per side and round (default 750), rounds (default 40), swaps (default 15). Short,
 * alternating, paired rounds and the median of their ratios keep a busy shared machine from favouring a side.
 */
public final class ServingBench {

    static final int FEATURES = 32;
    static final int THREADS = 2;

    private ServingBench() {
    }

    public static void main(String[] args) throws Exception {
        DjlSettings.apply();
        int millis = args.length > 0 ? Integer.parseInt(args[0]) : 750;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int swaps = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Path folder = Files.createTempDirectory("serving-bench");
        saveModel(folder);
        System.out.printf(Locale.ROOT, "model: MLP %d-64-64-1 (float32), %d threads, %d ms per side and round,"
                + " %d rounds%n", FEATURES, THREADS, millis, rounds);

        try (Model model = load(folder)) {
            runFor(3000, bareCaller(model));                 // warm-up
            runFor(3000, poolCaller(model));
            double[] bare = new double[rounds];
            double[] pool = new double[rounds];
            double[] ratio = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                // alternate which goes first, so that a drift in machine load does not favour one side
                if (round % 2 == 0) {
                    bare[round] = runFor(millis, bareCaller(model));
                    pool[round] = runFor(millis, poolCaller(model));
                } else {
                    pool[round] = runFor(millis, poolCaller(model));
                    bare[round] = runFor(millis, bareCaller(model));
                }
                ratio[round] = pool[round] / bare[round];
            }
            System.out.printf(Locale.ROOT, "throughput median: bare %.0f predictions/s, pool %.0f predictions/s;"
                    + " median of the %d round ratios pool/bare %.3f (quartiles %.3f to %.3f)%n", median(bare),
                    median(pool), rounds, median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75));
        }
        measureSwaps(folder, swaps);
    }

    /** A caller that predicts in a loop until told to stop; returns how many predictions it made. */
    interface Caller {
        long call(AtomicBoolean stop) throws Exception;
    }

    /** Each thread its own predictor: what a hand-written server would do. */
    static Caller bareCaller(Model model) {
        return stop -> {
            long n = 0;
            float[] input = input();
            try (Predictor<float[], Float> predictor = model.newPredictor(TRANSLATOR)) {
                while (!stop.get()) {
                    predictor.predict(input);
                    n++;
                }
            }
            return n;
        };
    }

    /** The platform's way: slot, reference, borrowed predictor from a pool of {@code THREADS}. */
    static Caller poolCaller(Model model) {
        ModelSlot<float[], Float> slot = new ModelSlot<>();
        // the slot is never closed, so the model shared with the bare callers stays open
        slot.swap(new PredictorPool<>(model, TRANSLATOR, THREADS, 1, null));
        return stop -> {
            long n = 0;
            float[] input = input();
            while (!stop.get()) {
                PredictorPool<float[], Float> current = slot.acquire();
                try {
                    current.predict(input);
                } finally {
                    current.release();
                }
                n++;
            }
            return n;
        };
    }

    /** Runs {@code THREADS} callers for {@code millis}; predictions per second. */
    static double runFor(int millis, Caller caller) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong total = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    total.addAndGet(caller.call(stop));
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        ready.await();
        long started = System.nanoTime();
        Thread.sleep(millis);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        if (!errors.isEmpty()) {
            throw new IllegalStateException("a caller failed", errors.get(0));
        }
        return total.get() / elapsed;
    }

    /** Load a saved version from its folder, put it in a pool and swap it in, first prediction included. */
    static void measureSwaps(Path folder, int swaps) throws Exception {
        ModelSlot<float[], Float> slot = new ModelSlot<>();
        slot.swap(new PredictorPool<>(load(folder), TRANSLATOR, THREADS, 0, null));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                float[] input = input();
                while (!stop.get()) {
                    PredictorPool<float[], Float> pool = slot.acquire();
                    try {
                        pool.predict(input);
                        calls.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    } finally {
                        pool.release();
                    }
                }
            });
            thread.start();
            callers.add(thread);
        }
        double[] loadMillis = new double[swaps];
        double[] swapMicros = new double[swaps];
        double[] totalMillis = new double[swaps];
        for (int i = 0; i < swaps; i++) {
            long started = System.nanoTime();
            Model model = load(folder);
            PredictorPool<float[], Float> next = new PredictorPool<>(model, TRANSLATOR, THREADS, i + 1, null);
            next.predict(input());
            long loaded = System.nanoTime();
            slot.swap(next);
            long swapped = System.nanoTime();
            loadMillis[i] = (loaded - started) / 1e6;
            swapMicros[i] = (swapped - loaded) / 1e3;
            totalMillis[i] = (swapped - started) / 1e6;
            Thread.sleep(100);
        }
        stop.set(true);
        for (Thread thread : callers) {
            thread.join();
        }
        slot.close();
        System.out.printf(Locale.ROOT, "load and swap, %d swaps while %d threads predict (%d calls, %d failed):%n",
                swaps, THREADS, calls.get(), failures.get());
        System.out.printf(Locale.ROOT, "  load + first prediction: median %.1f ms, max %.1f ms%n",
                median(loadMillis), max(loadMillis));
        System.out.printf(Locale.ROOT, "  swap (atomic exchange, old pool released): median %.1f us, max %.1f us%n",
                median(swapMicros), max(swapMicros));
        System.out.printf(Locale.ROOT, "  total: median %.1f ms%n", median(totalMillis));
    }

    static Block block() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build());
    }

    static void saveModel(Path folder) throws Exception {
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(block());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, FEATURES));
            model.save(folder, "mlp");
        }
    }

    static Model load(Path folder) throws Exception {
        Model model = Model.newInstance("mlp");
        model.setBlock(block());
        model.load(folder, "mlp");
        return model;
    }

    static float[] input() {
        float[] x = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            x[i] = (i % 7) / 7f;
        }
        return x;
    }

    static final Translator<float[], Float> TRANSLATOR = new Translator<>() {
        @Override
        public NDList processInput(TranslatorContext ctx, float[] input) {
            return new NDList(ctx.getNDManager().create(input));
        }

        @Override
        public Float processOutput(TranslatorContext ctx, NDList list) {
            return list.singletonOrThrow().getFloat(0);
        }
    };

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}

package dev.operon.sdk.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * DJL training steps that can run beside other trainings in the same JVM.
 *
 * <p>DJL's PyTorch engine allows one gradient collector at a time in the whole JVM: a second one, opened on any thread
 * while the first is open, fails with "A PtGradientCollector is already collecting". Every plugin shares that engine,
 * so two trainings that run at once on one node (two plugins' tasks, or two series of one plugin) would fail each
 * other. Open gradient collectors through {@link #collector(Trainer)}, and train with {@link #trainBatch} or
 * {@link #fit} instead of {@link EasyTrain}'s methods of the same names: they take turns, one batch at a time, so two
 * trainings interleave their batches instead of failing. Never call {@link Trainer#newGradientCollector()} directly.
 *
 * <p>A turn lasts from opening a collector to closing it; the optimizer's {@link Trainer#step()} may run outside it
 * (PyTorch keeps each parameter's gradient with the parameter, and DJL 0.36 zeroes no other training's gradients).
 * Turns are granted in arrival order. A collector must be closed on the thread that opened it, which
 * try-with-resources does.
 */
public final class Training {

    private static final ReentrantLock TURN = new ReentrantLock(true);

    private Training() {
    }

    /**
     * Opens a gradient collector for {@code trainer}, waiting while another training in this JVM holds one. Close it
     * (try-with-resources) on the same thread to end the turn.
     *
     * @param trainer the trainer whose gradients to collect
     * @return an open collector that ends the turn when closed
     */
    public static GradientCollector collector(Trainer trainer) {
        TURN.lock();
        try {
            return new TurnCollector(trainer.newGradientCollector());
        } catch (RuntimeException | Error e) {
            TURN.unlock();
            throw e;
        }
    }

    /**
     * {@link EasyTrain#trainBatch(Trainer, Batch)} (forward pass, loss, backward pass, listeners) in one turn. Call
     * {@link Trainer#step()} afterwards, as with DJL's own.
     *
     * @param trainer the trainer
     * @param batch the batch to train on
     */
    public static void trainBatch(Trainer trainer, Batch batch) {
        TURN.lock();
        try {
            EasyTrain.trainBatch(trainer, batch);
        } finally {
            TURN.unlock();
        }
    }

    /**
     * The whole training that {@link EasyTrain#fit(Trainer, int, Dataset, Dataset)} runs (each batch trained, then the
     * optimizer step; after each epoch the validation set evaluated and the listeners told), with every batch in its
     * own turn.
     *
     * @param trainer the trainer
     * @param epochs the number of passes over {@code training}
     * @param training the training set
     * @param validation the validation set, or {@code null} for none
     * @throws IOException if a dataset cannot be read
     * @throws TranslateException if a batch cannot be prepared
     */
    public static void fit(Trainer trainer, int epochs, Dataset training, Dataset validation)
            throws IOException, TranslateException {
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch batch : trainer.iterateDataset(training)) {
                try (batch) {
                    trainBatch(trainer, batch);
                    trainer.step();
                }
            }
            EasyTrain.evaluateDataset(trainer, validation);
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        }
    }

    private static final class TurnCollector implements GradientCollector {

        private final GradientCollector collector;
        private boolean closed;

        private TurnCollector(GradientCollector collector) {
            this.collector = collector;
        }

        @Override
        public void backward(NDArray target) {
            collector.backward(target);
        }

        @Override
        public void zeroGradients() {
            collector.zeroGradients();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                collector.close();
            } finally {
                TURN.unlock();
            }
        }
    }
}

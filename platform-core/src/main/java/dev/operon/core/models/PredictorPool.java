package dev.operon.core.models;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DJL predictors of one loaded model version. Plain Java (no Quarkus), so that benchmarks use the same class.
 *
 * <p>A DJL {@link Predictor} is not thread-safe, so every call borrows one for its duration: an idle one (last
 * returned first, so few stay warm) or a new one, at most {@code maxPredictors} at a time; further callers wait for
 * one to come back. This is "one predictor per thread" without tying predictors to threads: a pool of request
 * threads far larger than the number of concurrent calls costs nothing, and closing the pool closes every
 * predictor it made (a {@code ThreadLocal} cannot reach the predictors of other threads).
 *
 * <p>Lifetime is reference counted: the owner holds one reference from construction until {@link #close()}, each
 * call in flight holds one from {@link #retain()} to {@link #release()}. The model and its predictors are closed
 * when the last reference goes, so a pool swapped out while predictions run closes after the last of them.
 *
 * @param <I> prediction input
 * @param <O> prediction output
 */
public final class PredictorPool<I, O> implements AutoCloseable {

    private final Model model;
    private final Translator<I, O> translator;
    private final long version;
    private final Runnable afterClose;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Predictor<I, O>> idle = new ConcurrentLinkedDeque<>();
    private final Queue<Predictor<I, O>> created = new ConcurrentLinkedQueue<>();
    private final AtomicInteger references = new AtomicInteger(1);

    /**
     * @param model         the loaded model; the pool owns it and closes it
     * @param translator    creates and reads tensors for each prediction
     * @param maxPredictors how many predictions may run at once
     * @param version       the version the model is, for callers to report
     * @param afterClose    run once after the model was closed (may be null)
     */
    public PredictorPool(Model model, Translator<I, O> translator, int maxPredictors, long version,
                         Runnable afterClose) {
        if (maxPredictors < 1) {
            throw new IllegalArgumentException("maxPredictors must be at least 1");
        }
        this.model = model;
        this.translator = translator;
        this.version = version;
        this.afterClose = afterClose;
        this.permits = new Semaphore(maxPredictors);
    }

    /** The version this pool serves. */
    public long version() {
        return version;
    }

    /** Predicts with a borrowed predictor. The caller holds a reference ({@link #retain()}) or owns the pool. */
    public O predict(I input) throws TranslateException {
        Predictor<I, O> predictor = borrow();
        try {
            return predictor.predict(input);
        } finally {
            giveBack(predictor);
        }
    }

    /** Predicts a batch in one call of one borrowed predictor (one forward pass where the translator batches). */
    public List<O> predictBatch(List<I> inputs) throws TranslateException {
        Predictor<I, O> predictor = borrow();
        try {
            return predictor.batchPredict(inputs);
        } finally {
            giveBack(predictor);
        }
    }

    /** How many predictors exist; at most {@code maxPredictors}. */
    public int predictors() {
        return created.size();
    }

    /** Takes a reference for a call; false when the pool is already closed (then use its successor). */
    public boolean retain() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    /** Gives back a reference; the last one closes the model and its predictors. */
    public void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            closeNow();
        } else if (left < 0) {
            throw new IllegalStateException("predictor pool released more often than retained");
        }
    }

    /** True once the last reference was released. */
    public boolean isClosed() {
        return references.get() == 0;
    }

    /** Gives back the owner's reference: closes now, or after the calls in flight. Call once. */
    @Override
    public void close() {
        release();
    }

    private Predictor<I, O> borrow() {
        permits.acquireUninterruptibly();
        Predictor<I, O> predictor = idle.pollFirst();
        if (predictor != null) {
            return predictor;
        }
        try {
            predictor = model.newPredictor(translator);
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
        created.add(predictor);
        return predictor;
    }

    private void giveBack(Predictor<I, O> predictor) {
        idle.offerFirst(predictor);
        permits.release();
    }

    private void closeNow() {
        try {
            Predictor<I, O> predictor;
            while ((predictor = created.poll()) != null) {
                predictor.close();
            }
            idle.clear();
            model.close();
        } finally {
            if (afterClose != null) {
                afterClose.run();
            }
        }
    }
}

package dev.operon.core.models;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The serving place of one model type on this node: the current {@link PredictorPool}, swapped atomically. Plain
 * Java (no Quarkus), so that benchmarks use the same class.
 *
 * <p>A call {@link #acquire() acquires} the current pool (taking a reference), predicts, and releases it. A swap
 * puts the new pool in place first and then gives back the slot's reference to the old one, which closes once the
 * calls that acquired it have released it. A caller that read the old pool just as it closed simply reads again
 * and gets the new one: no call fails because of a swap.
 *
 * @param <I> prediction input
 * @param <O> prediction output
 */
public final class ModelSlot<I, O> implements AutoCloseable {

    private final AtomicReference<PredictorPool<I, O>> current = new AtomicReference<>();

    /** The current pool with a reference taken (release it after the call), or null when nothing is loaded. */
    public PredictorPool<I, O> acquire() {
        while (true) {
            PredictorPool<I, O> pool = current.get();
            if (pool == null || pool.retain()) {
                return pool;
            }
            // closed between get and retain: it was swapped out, so current already holds its successor
        }
    }

    /** The version currently served, or -1. */
    public long version() {
        PredictorPool<I, O> pool = current.get();
        return pool == null ? -1 : pool.version();
    }

    /** Serves {@code next} from now on; the previous pool closes after its calls in flight. */
    public void swap(PredictorPool<I, O> next) {
        PredictorPool<I, O> previous = current.getAndSet(next);
        if (previous != null) {
            previous.close();
        }
    }

    /** Stops serving; the last pool closes after its calls in flight. */
    @Override
    public void close() {
        PredictorPool<I, O> previous = current.getAndSet(null);
        if (previous != null) {
            previous.close();
        }
    }
}

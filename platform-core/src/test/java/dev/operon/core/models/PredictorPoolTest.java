package dev.operon.core.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.nn.Parameter;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pool and the slot with real DJL PyTorch models (no server): reuse, limits, reference counting, swaps. */
class PredictorPoolTest {

    @BeforeAll
    static void offline() {
        DjlSettings.apply();
    }

    /** A model whose every prediction is {@code weight * x} (a linear layer with constant weight, no bias). */
    static Model constant(float weight) {
        Model model = Model.newInstance("constant-" + weight);
        Block block = Linear.builder().setUnits(1).optBias(false).build();
        block.setInitializer(new ConstantInitializer(weight), Parameter.Type.WEIGHT);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1));
        model.setBlock(block);
        return model;
    }

    static final Translator<Float, Float> TRANSLATOR = new Translator<>() {
        @Override
        public NDList processInput(TranslatorContext ctx, Float input) {
            return new NDList(ctx.getNDManager().create(new float[] {input}));
        }

        @Override
        public Float processOutput(TranslatorContext ctx, NDList list) {
            return list.singletonOrThrow().getFloat(0);
        }
    };

    @Test
    void predictorsAreReusedAndLimited() throws Exception {
        try (PredictorPool<Float, Float> pool = new PredictorPool<>(constant(2), TRANSLATOR, 2, 1, null)) {
            for (int i = 0; i < 50; i++) {
                assertThat(pool.predict(1.5f)).isEqualTo(3.0f);
            }
            assertThat(pool.predictors()).isEqualTo(1);
            assertThat(pool.predictBatch(List.of(1f, 2f, 3f))).containsExactly(2f, 4f, 6f);
            List<Thread> threads = new ArrayList<>();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            for (int t = 0; t < 6; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < 200; i++) {
                            if (pool.predict(1f) != 2f) {
                                errors.add(new AssertionError("wrong prediction"));
                            }
                        }
                    } catch (Exception e) {
                        errors.add(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(errors).isEmpty();
            assertThat(pool.predictors()).isBetween(1, 2);
        }
    }

    @Test
    void aSwappedOutPoolClosesAfterTheLastCallInFlight() throws Exception {
        List<Long> closed = new ArrayList<>();
        ModelSlot<Float, Float> slot = new ModelSlot<>();
        assertThat(slot.acquire()).isNull();
        PredictorPool<Float, Float> first = new PredictorPool<>(constant(2), TRANSLATOR, 2, 1, () -> closed.add(1L));
        slot.swap(first);

        PredictorPool<Float, Float> inFlight = slot.acquire();
        assertThat(inFlight).isSameAs(first);
        slot.swap(new PredictorPool<>(constant(3), TRANSLATOR, 2, 2, () -> closed.add(2L)));
        assertThat(first.isClosed()).isFalse();
        assertThat(inFlight.predict(1f)).isEqualTo(2f);

        PredictorPool<Float, Float> next = slot.acquire();
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.predict(1f)).isEqualTo(3f);
        next.release();

        inFlight.release();
        assertThat(first.isClosed()).isTrue();
        assertThat(first.retain()).isFalse();
        assertThat(closed).containsExactly(1L);
        slot.close();
        assertThat(closed).containsExactly(1L, 2L);
        assertThat(slot.acquire()).isNull();
    }

    @Test
    void callsDuringManySwapsAllSucceedAndEveryOldPoolCloses() throws Exception {
        ModelSlot<Float, Float> slot = new ModelSlot<>();
        List<PredictorPool<Float, Float>> pools = new ArrayList<>();
        PredictorPool<Float, Float> initial = new PredictorPool<>(constant(1), TRANSLATOR, 4, 1, null);
        pools.add(initial);
        slot.swap(initial);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(4);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                started.countDown();
                while (!stop.get()) {
                    PredictorPool<Float, Float> pool = slot.acquire();
                    try {
                        float y = pool.predict(1f);
                        if (y != pool.version()) {
                            errors.add(new AssertionError("version " + pool.version() + " answered " + y));
                        }
                        calls.incrementAndGet();
                    } catch (Exception e) {
                        errors.add(e);
                    } finally {
                        pool.release();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        started.await();
        for (int version = 2; version <= 30; version++) {
            PredictorPool<Float, Float> pool = new PredictorPool<>(constant(version), TRANSLATOR, 4, version, null);
            pools.add(pool);
            slot.swap(pool);
            Thread.sleep(5);
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(errors).isEmpty();
        assertThat(calls.get()).isGreaterThan(100);
        assertThat(pools.subList(0, pools.size() - 1)).allMatch(PredictorPool::isClosed);
        assertThat(pools.get(pools.size() - 1).isClosed()).isFalse();
        slot.close();
        assertThat(pools).allMatch(PredictorPool::isClosed);
    }
}

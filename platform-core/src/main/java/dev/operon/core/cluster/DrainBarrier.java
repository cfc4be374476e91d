package dev.operon.core.cluster;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets another JVM shutdown hook wait for the drain: the launcher's hook that stops the embedded PostgreSQL runs
 * concurrently with Quarkus's shutdown, and must not pull the database from under a drain that is still handing
 * runs back. Static because that hook lives outside the application.
 */
public final class DrainBarrier {

    private static volatile CountDownLatch drained;

    private DrainBarrier() {
    }

    /** A node began taking work: a shutdown will drain it. */
    static void armed() {
        drained = new CountDownLatch(1);
    }

    /** The drain has ended (or failed). */
    static void released() {
        CountDownLatch latch = drained;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Waits up to {@code max} for a drain in progress; returns at once when no node was started. */
    public static void await(Duration max) {
        CountDownLatch latch = drained;
        if (latch == null) {
            return;
        }
        try {
            latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.operon.plugins.marketing.sending;

import java.util.concurrent.locks.LockSupport;

/** Spaces calls evenly so that at most {@code perSecond} happen per second on this node (0: no limit). */
final class RateLimiter {

    private long nextNanos = System.nanoTime();

    /** Waits for the next slot at the given rate. */
    void acquire(int perSecond) {
        if (perSecond <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long interval = 1_000_000_000L / perSecond;
            // a burst of up to one second is allowed after idling, no more
            nextNanos = Math.max(nextNanos, now - 1_000_000_000L + interval);
            wait = nextNanos - now;
            nextNanos += interval;
        }
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}

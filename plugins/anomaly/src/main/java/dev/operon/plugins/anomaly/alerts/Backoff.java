package dev.operon.plugins.anomaly.alerts;

import java.time.Duration;

/** Exponential back-off between delivery attempts: base, 2 x base, 4 x base, ... capped at one hour. */
public record Backoff(Duration base, int maxAttempts) {

    private static final Duration CAP = Duration.ofHours(1);

    public Backoff {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("back-off base must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt. */
    public Duration after(int attempts) {
        int doublings = Math.min(Math.max(0, attempts - 1), 20);
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(CAP) > 0 ? CAP : wait;
    }
}

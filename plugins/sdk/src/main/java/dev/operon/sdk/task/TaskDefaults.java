package dev.operon.sdk.task;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Defaults a task type proposes for its definitions; an operator may override each per definition.
 *
 * @param timeout     how long one attempt may run before it is stopped and marked timed-out
 * @param maxRetries  how many times a failed attempt is retried (0 = never)
 * @param concurrency what happens when a run is due while another run of the same definition is active
 * @param resources   what the task needs from the node that runs it
 */
public record TaskDefaults(Duration timeout, int maxRetries, Concurrency concurrency, Set<Resource> resources) {

    /** One hour, no retries, concurrent runs allowed, CPU only. */
    public static final TaskDefaults STANDARD = new TaskDefaults(Duration.ofHours(1), 0, Concurrency.ALLOW,
            Set.of(Resource.CPU));

    public TaskDefaults {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(concurrency, "concurrency");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        resources = Set.copyOf(resources);
    }

    public TaskDefaults withTimeout(Duration value) {
        return new TaskDefaults(value, maxRetries, concurrency, resources);
    }

    public TaskDefaults withMaxRetries(int value) {
        return new TaskDefaults(timeout, value, concurrency, resources);
    }

    public TaskDefaults withConcurrency(Concurrency value) {
        return new TaskDefaults(timeout, maxRetries, value, resources);
    }
}

package dev.operon.core.runs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics of the task engine: runs by state (a gauge refreshed from the database), finished runs and
 * their durations by type and state, scheduler lag (fire time minus scheduled time) and start delay (start time
 * minus the time the run was due).
 */
@ApplicationScoped
public class RunMetrics {

    private final MeterRegistry registry;
    private final Map<RunState, AtomicLong> byState = new EnumMap<>(RunState.class);
    private final Timer lag;
    private final Timer startDelay;
    private final Counter skipped;

    @Inject
    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RunState state : RunState.values()) {
            AtomicLong value = new AtomicLong();
            byState.put(state, value);
            Gauge.builder("operon.runs", value, AtomicLong::get).tag("state", state.wire())
                    .description("Runs in the database by state").register(registry);
        }
        lag = Timer.builder("operon.scheduler.lag").description("Fire time minus scheduled fire time")
                .publishPercentiles(0.5, 0.99).register(registry);
        startDelay = Timer.builder("operon.run.start.delay")
                .description("Attempt start minus the time it was due").publishPercentiles(0.5, 0.99)
                .register(registry);
        skipped = Counter.builder("operon.fires.skipped")
                .description("Scheduled fires dropped by the skip concurrency policy").register(registry);
    }

    void count(RunState state, long value) {
        byState.get(state).set(value);
    }

    public void lag(Duration value) {
        lag.record(value.isNegative() ? Duration.ZERO : value);
    }

    void startDelay(Duration value) {
        startDelay.record(value.isNegative() ? Duration.ZERO : value);
    }

    void skipped() {
        skipped.increment();
    }

    void finished(String type, RunState state, Duration duration) {
        Counter.builder("operon.runs.finished").tag("type", type).tag("state", state.wire())
                .description("Runs that reached a terminal state").register(registry).increment();
        Timer.builder("operon.run.duration").tag("type", type).tag("state", state.wire())
                .description("Duration of the last attempt of finished runs").register(registry)
                .record(duration.isNegative() ? Duration.ZERO : duration);
    }
}

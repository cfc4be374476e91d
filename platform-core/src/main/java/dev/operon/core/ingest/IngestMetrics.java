package dev.operon.core.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Ingestion meters: {@code operon.ingest.events.accepted}, {@code .rejected} (tag {@code reason}),
 * {@code .deduplicated}, {@code operon.ingest.write.batch.size} (events per commit), {@code operon.ingest.queue.depth}
 * (events waiting for a writer) and {@code operon.ingest.write.latency} (one group's transaction).
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter deduplicated;
    private final DistributionSummary batchSize;
    private final Timer writeLatency;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder("operon.ingest.events.accepted").description("Events stored").register(registry);
        deduplicated = Counter.builder("operon.ingest.events.deduplicated")
                .description("Events dropped as duplicates of a message id seen within the window").register(registry);
        batchSize = DistributionSummary.builder("operon.ingest.write.batch.size")
                .description("Events per writer transaction").register(registry);
        writeLatency = Timer.builder("operon.ingest.write.latency")
                .description("Duration of one writer transaction (dedupe, insert, commit)").register(registry);
    }

    void queueDepth(Supplier<Number> depth) {
        Gauge.builder("operon.ingest.queue.depth", depth, s -> s.get().doubleValue())
                .description("Events waiting for a writer").strongReference(true).register(registry);
    }

    void accepted(int count) {
        accepted.increment(count);
    }

    void deduplicated(int count) {
        deduplicated.increment(count);
    }

    /** Events refused, by reason: {@code invalid}, {@code too-large}, {@code unauthorized}, {@code overloaded}, ... */
    void rejected(String reason, int count) {
        Counter.builder("operon.ingest.events.rejected").tag("reason", reason)
                .description("Events refused, by reason").register(registry).increment(count);
    }

    void written(int events, Duration took) {
        batchSize.record(events);
        writeLatency.record(took);
    }
}

package dev.operon.core.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Ingestion settings: {@code operon.core.ingest.*} (docs/ingestion.md). */
@ConfigMapping(prefix = "operon.core.ingest")
public interface IngestConfig {

    /** A message id seen again from the same source within this window is dropped as a duplicate. */
    @WithDefault("P7D")
    Duration dedupeWindow();

    /** Events older than this (by event time) are deleted by {@code core.events-maintenance}; empty keeps all. */
    Optional<Duration> retention();

    /** Largest serialized event, in bytes (Segment: 32 KB). */
    @WithDefault("32768")
    int maxEventBytes();

    /** Largest {@code /v1/batch} body, in bytes (Segment: 500 KB). */
    @WithDefault("512000")
    int maxBatchBytes();

    /** Events waiting to be written, across requests; a request that does not fit is answered 503. */
    @WithDefault("50000")
    int queueCapacity();

    /** Most events one writer commits in one transaction. */
    @WithDefault("8000")
    int maxWriteBatch();

    /** Writer threads, each committing its own group of requests. */
    @WithDefault("2")
    int writerThreads();

    /** How long a request waits for its events to be committed before it is answered 503. */
    @WithDefault("30S")
    Duration commitTimeout();

    /** The {@code Retry-After} given with 503 and 429 answers, in seconds. */
    @WithDefault("1")
    int retryAfterSeconds();

    /** Events per second one source may send (token bucket, one second of burst); 0 means no limit. */
    @WithDefault("0")
    int sourceRateLimit();

    /** Monthly partitions kept ready ahead of the current month. */
    @WithDefault("3")
    int partitionsAhead();

    /** The earliest event time accepted (older events are refused rather than given a partition). */
    @WithDefault("1990-01-01T00:00:00Z")
    java.time.Instant earliestTimestamp();

    /** How far in the future (after skew correction) an event time may be. */
    @WithDefault("P366D")
    Duration latestAhead();

    /**
     * {@code copy} (binary COPY FROM STDIN), {@code copy-text} (text-format COPY, the earlier default) or
     * {@code insert} (one multi-row INSERT over arrays): ADR 0008.
     */
    @WithDefault("copy")
    String writeMethod();

    /** When {@code core.events-maintenance} runs by default (Quartz cron, UTC). */
    @WithDefault("0 17 3 * * ?")
    String maintenanceCron();

    /** Events from a Kafka topic (docs/ingestion.md, "Kafka"); off unless enabled. */
    Kafka kafka();

    /** {@code operon.core.ingest.kafka.*}; the Kafka client's own settings are the {@code kafka.*} properties. */
    interface Kafka {

        /** Whether nodes with the {@code api} role consume the topic. */
        @WithDefault("false")
        boolean enabled();

        /** The topic of Segment messages. */
        @WithDefault("operon-events")
        String topic();

        /** The consumer group: every consuming node joins it, so partitions are shared out among them. */
        @WithDefault("operon-ingest")
        String groupId();

        /** The source (name or id) the events are stored under, as a write key names one on HTTP; none if empty. */
        Optional<String> source();

        /** Where records that cannot be stored go, with the reason in a header; empty: {@code <topic>.dead-letter}. */
        Optional<String> deadLetterTopic();

        /** Most records one poll takes. */
        @WithDefault("500")
        int maxPollRecords();
    }
}

package dev.operon.core.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The consuming loop of one node: poll, store the records' events through the same write path as the Tracking API,
 * send the records that cannot be stored to the dead-letter topic, and only then commit the offsets. When the store
 * or the dead-letter topic cannot take them now, the consumer goes back to the first record of the poll and tries
 * again after a growing pause: nothing is skipped. A record consumed twice is stored once (message ids, see
 * {@link KafkaRecordReader}).
 */
final class KafkaIngestLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(KafkaIngestLoop.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    /** The headers a dead letter carries: why, and where it came from. */
    static final String ERROR_HEADER = "operon-error";
    static final String ORIGIN_HEADER = "operon-origin";

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> deadLetters;
    private final String topic;
    private final String deadLetterTopic;
    private final KafkaRecordReader reader;
    private final EventWriter writer;
    private final IngestMetrics metrics;
    private final Long sourceId;
    private final int writeBatch;
    private final Duration firstPause;
    private volatile boolean running = true;

    KafkaIngestLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetters, String topic,
                    String deadLetterTopic, KafkaRecordReader reader, EventWriter writer, IngestMetrics metrics,
                    Long sourceId, int writeBatch, Duration firstPause) {
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
        this.reader = reader;
        this.writer = writer;
        this.metrics = metrics;
        this.sourceId = sourceId;
        this.writeBatch = writeBatch;
        this.firstPause = firstPause;
    }

    @Override
    public void run() {
        Duration pause = firstPause;
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // the brokers refuse this consumer (authorization, a deleted topic, ...): say so and keep trying
                    LOG.errorf("kafka ingestion: cannot consume %s (%s); trying again in %d ms", topic, e.toString(),
                            pause.toMillis());
                    sleep(pause);
                    pause = longer(pause);
                    continue;
                }
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    handle(records);
                } catch (Exception e) {
                    if (!running) {
                        break;
                    }
                    LOG.warnf("kafka ingestion: %d records of %s not stored (%s); trying again in %d ms",
                            records.count(), topic, e.getMessage(), pause.toMillis());
                    rewind(records);
                    sleep(pause);
                    pause = longer(pause);
                    continue;
                }
                pause = firstPause;
                commit(records);
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    /** Ends the loop: the poll in progress returns at once; what it took and did not commit is consumed again. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) throws Exception {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<IncomingEvent> events = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> dead = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            KafkaRecordReader.Read read = reader.read(record.topic(), record.partition(), record.offset(),
                    record.value(), sourceId, receivedAt);
            if (read.rejection() != null) {
                dead.add(deadLetter(record, read.rejection()));
            } else {
                events.addAll(read.events());
            }
        }
        for (int from = 0; from < events.size(); from += writeBatch) {
            writer.append(events.subList(from, Math.min(events.size(), from + writeBatch)));
        }
        List<Future<?>> sent = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> letter : dead) {
            sent.add(deadLetters.send(letter));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        if (!dead.isEmpty()) {
            metrics.rejected("invalid", dead.size());
            LOG.infof("kafka ingestion: %d records of %s could not be stored; sent to %s with the reason",
                    dead.size(), topic, deadLetterTopic);
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String why) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(deadLetterTopic, null, record.key(),
                record.value());
        letter.headers().add(ERROR_HEADER, why.getBytes(StandardCharsets.UTF_8));
        letter.headers().add(ORIGIN_HEADER, (record.topic() + ":" + record.partition() + ":" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return letter;
    }

    private void commit(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> of = records.records(partition);
            next.put(partition, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(next);
        } catch (RuntimeException e) {
            if (e instanceof WakeupException) {
                throw e;
            }
            // a rebalance took the partitions away: their next owner reads these records again and stores them once
            LOG.warnf("kafka ingestion: offsets of %s not committed (%s); the records will be read again", topic,
                    e.getMessage());
        }
    }

    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            try {
                consumer.seek(partition, records.records(partition).get(0).offset());
            } catch (IllegalStateException notOursAnyMore) {
                // revoked meanwhile: its next owner starts from the last committed offset
            }
        }
    }

    private static Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

package dev.operon.core.ingest;

import static dev.operon.core.ingest.Tracking.count;
import static dev.operon.core.ingest.Tracking.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.testing.KafkaBrokerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Events through a Kafka topic into the event store, against a real broker: messages and whole batches stored by the
 * Tracking API's rules, bad records sent to the dead-letter topic with their reason, offsets committed only after.
 */
@QuarkusTest
@TestProfile(KafkaIngestionTest.WithKafka.class)
class KafkaIngestionTest {

    static final String TOPIC = "operon-events-test";
    static final String DEAD_LETTERS = TOPIC + ".dead-letter";
    static final String GROUP = "operon-ingest-test";

    /** The platform consuming {@link #TOPIC} on the test broker. */
    public static class WithKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("operon.core.ingest.kafka.enabled", "true",
                    "operon.core.ingest.kafka.topic", TOPIC,
                    "operon.core.ingest.kafka.group-id", GROUP);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaBrokerResource.class));
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Test
    void messagesAndBatchesAreStoredAndBadRecordsGoToTheDeadLetterTopicBeforeTheOffsetsAreCommitted()
            throws Exception {
        String user = unique("kafka");
        List<byte[]> values = new ArrayList<>();
        values.add(message(user, "Order Completed", unique("m")));
        values.add(message(user, "No Message Id", null));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(Map.of("type", "track", "userId", user, "event", "Batched"));
        }
        values.add(json.writeValueAsBytes(Map.of("batch", batch, "context", Map.of("library", Map.of("name", "k")))));
        values.add("{not json".getBytes(StandardCharsets.UTF_8));
        values.add(json.writeValueAsBytes(Map.of("userId", user, "event", "No Type")));
        Map<String, Object> big = new LinkedHashMap<>(Map.of("type", "track", "userId", user, "event", "Big"));
        big.put("properties", Map.of("blob", "x".repeat(40_000)));
        values.add(json.writeValueAsBytes(big));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                KafkaBrokerResource.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(TOPIC, user.getBytes(StandardCharsets.UTF_8), value)).get();
            }
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(committed()).as("every record's offset committed").isEqualTo(values.size()));
        assertThat(count(dataSource, "select count(*) from event where user_id = ?", user)).isEqualTo(1 + 1 + 3);
        assertThat(count(dataSource, "select count(*) from event where user_id = ? and name = 'Batched'"
                + " and context->'library'->>'name' = 'k'", user)).as("the batch's context").isEqualTo(3);
        assertThat(count(dataSource, "select count(*) from event where user_id = ? and message_id = ?", user,
                "kafka:" + TOPIC + ":0:1")).as("an id from the record's place in the log").isEqualTo(1);

        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(3);
        assertThat(dead).extracting(r -> header(r, KafkaIngestLoop.ERROR_HEADER)).satisfiesExactly(
                why -> assertThat(why).startsWith("malformed-body"),
                why -> assertThat(why).startsWith("invalid-event").contains("type"),
                why -> assertThat(why).startsWith("too-large").contains("32768"));
        assertThat(dead).extracting(r -> header(r, KafkaIngestLoop.ORIGIN_HEADER))
                .containsExactly(TOPIC + ":0:3", TOPIC + ":0:4", TOPIC + ":0:5");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }

    @Test
    void aRecordReadAgainGetsTheSameMessageIdSoItIsStoredOnce() throws Exception {
        KafkaRecordReader reader = new KafkaRecordReader(json, new SegmentEvents(json, config.earliestTimestamp(),
                config.latestAhead()), config);
        byte[] value = message(unique("again"), "Seen Twice", null);
        Instant now = Instant.now();
        String first = reader.read(TOPIC, 2, 41, value, null, now).events().get(0).messageId();
        String again = reader.read(TOPIC, 2, 41, value, null, now.plusSeconds(30)).events().get(0).messageId();
        assertThat(again).isEqualTo(first).isEqualTo("kafka:" + TOPIC + ":2:41");
        byte[] withId = message(unique("own"), "Own Id", "sender-id-7");
        assertThat(reader.read(TOPIC, 2, 42, withId, null, now).events().get(0).messageId())
                .as("the sender's own id wins").isEqualTo("sender-id-7");
        assertThat(reader.read(TOPIC, 2, 43, new byte[0], null, now).rejection()).contains("no value");
    }

    private byte[] message(String user, String event, String messageId) throws Exception {
        Map<String, Object> message = new HashMap<>(Map.of("type", "track", "userId", user, "event", event));
        if (messageId != null) {
            message.put("messageId", messageId);
        }
        return json.writeValueAsBytes(message);
    }

    private long committed() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(TOPIC, 0));
            long end = admin.listOffsets(Map.of(new TopicPartition(TOPIC, 0), OffsetSpec.latest())).all().get()
                    .get(new TopicPartition(TOPIC, 0)).offset();
            assertThat(end).isEqualTo(6);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(int expected) {
        Map<String, Object> settings = Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers(),
                "group.id", unique("reader"), "auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < expected && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
        }
        return read;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

package dev.operon.core.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.cluster.ClusterRoles;
import dev.operon.core.cluster.NodeRole;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Events from a Kafka topic, for volumes beyond the HTTP path (ADR 0025): when
 * {@code operon.core.ingest.kafka.enabled} is true, every node with the {@code api} role runs one consumer of the
 * topic in the group {@code operon.core.ingest.kafka.group-id}, so the topic's partitions are shared out among them.
 * The Kafka client takes every {@code kafka.*} property (and {@code KAFKA_*} environment variable) as its own
 * setting: {@code kafka.bootstrap.servers}, {@code kafka.security.protocol}, ...
 */
@ApplicationScoped
public class KafkaIngestion {

    private static final Logger LOG = Logger.getLogger(KafkaIngestion.class);
    private static final String PREFIX = "kafka.";
    private static final String ENV_PREFIX = "KAFKA_";

    @Inject
    IngestConfig config;

    @Inject
    ClusterRoles roles;

    @Inject
    SourceService sources;

    @Inject
    EventWriter writer;

    @Inject
    IngestMetrics metrics;

    @Inject
    ObjectMapper json;

    private KafkaIngestLoop loop;
    private Thread thread;

    void start(@Observes @Priority(5000) StartupEvent started) {
        IngestConfig.Kafka kafka = config.kafka();
        if (!kafka.enabled() || !roles.has(NodeRole.API)) {
            return;
        }
        Map<String, Object> client = clientSettings(ConfigProvider.getConfig());
        if (!client.containsKey("bootstrap.servers")) {
            throw new IllegalStateException("operon.core.ingest.kafka.enabled is true but kafka.bootstrap.servers"
                    + " (or KAFKA_BOOTSTRAP_SERVERS) is not set: say where the Kafka brokers are");
        }
        Long sourceId = kafka.source().filter(s -> !s.isBlank()).map(this::enabledSource).orElse(null);
        String deadLetterTopic = kafka.deadLetterTopic().filter(t -> !t.isBlank())
                .orElse(kafka.topic() + ".dead-letter");
        SegmentEvents segment = new SegmentEvents(json, config.earliestTimestamp(), config.latestAhead());
        loop = new KafkaIngestLoop(new KafkaConsumer<>(consumerSettings(client, kafka)),
                new KafkaProducer<>(producerSettings(client)), kafka.topic(), deadLetterTopic,
                new KafkaRecordReader(json, segment, config), writer, metrics, sourceId, config.maxWriteBatch(),
                Duration.ofSeconds(Math.max(1, config.retryAfterSeconds())));
        thread = new Thread(loop, "operon-kafka-ingest");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("kafka ingestion: consuming %s at %s as group %s (source %s, dead letters to %s)", kafka.topic(),
                client.get("bootstrap.servers"), kafka.groupId(), sourceId == null ? "none" : sourceId,
                deadLetterTopic);
    }

    /** Stops consuming before the write path stops: what was polled and not committed is read again later. */
    void stop(@Observes @Priority(10) ShutdownEvent stopping) throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(10_000);
        }
    }

    private long enabledSource(String nameOrId) {
        SourceView source;
        try {
            source = sources.get(nameOrId);
        } catch (ApiException e) {
            throw new IllegalStateException("operon.core.ingest.kafka.source names no source ('" + nameOrId
                    + "'): create it first (./operon sources create " + nameOrId + "), or leave the setting empty");
        }
        if (!source.enabled()) {
            throw new IllegalStateException("operon.core.ingest.kafka.source names source '" + source.name()
                    + "', which is disabled");
        }
        return source.id();
    }

    /** Every {@code kafka.*} property and {@code KAFKA_*} environment variable, as the client's settings. */
    static Map<String, Object> clientSettings(Config config) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            String key = name.startsWith(PREFIX) ? name.substring(PREFIX.length())
                    : name.startsWith(ENV_PREFIX) ? name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT)
                            .replace('_', '.')
                    : null;
            if (key != null && !key.isEmpty()) {
                config.getOptionalValue(name, String.class).ifPresent(value -> settings.put(key, value));
            }
        }
        return settings;
    }

    private static Map<String, Object> consumerSettings(Map<String, Object> client, IngestConfig.Kafka kafka) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, kafka.maxPollRecords());
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return settings;
    }

    private static Map<String, Object> producerSettings(Map<String, Object> client) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return settings;
    }
}

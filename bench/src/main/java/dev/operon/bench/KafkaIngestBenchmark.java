package dev.operon.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Kafka ingestion's drain rate: a topic holding {@code records} Segment batches of {@code batch} events each (a
 * backlog, written before the platform starts), then {@code ./operon serve} with Kafka ingestion on; timed from the
 * platform's readiness to the last event stored, and checked: stored = produced, every offset committed, no dead
 * letter. The broker is one KRaft node in this JVM (Kafka's own test kit), so it shares the 2 cores with the
 * platform and its PostgreSQL, as a co-located broker would.
 */
final class KafkaIngestBenchmark implements Benchmark {

    private static final String TOPIC = "bench-events";
    private static final String GROUP = "operon-ingest";
    private static final String[] NAMES = {"Product Viewed", "Product Added", "Checkout Started", "Order Completed"};

    private final Workspace workspace;
    private final Options options;
    private final int records;
    private final int batch;
    private final int partitions;

    KafkaIngestBenchmark(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
        this.records = options.integer("records", 400);
        this.batch = options.integer("batch", 500);
        this.partitions = options.integer("partitions", 2);
    }

    @Override
    public Report run() throws Exception {
        Report report = new Report("kafka-ingest", options.all());
        Path dataDir = workspace.newDataDir("kafka-ingest");
        long events = (long) records * batch;
        try (KafkaClusterTestKit broker = startBroker()) {
            String servers = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
            }
            double produceSeconds = produce(servers);
            System.err.printf(Locale.ROOT, "bench: %,d events in %,d records produced in %.1f s%n", events, records,
                    produceSeconds);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("OPERON_CORE_INGEST_KAFKA_ENABLED", "true");
            env.put("OPERON_CORE_INGEST_KAFKA_TOPIC", TOPIC);
            env.put("KAFKA_BOOTSTRAP_SERVERS", servers);
            env.put("OPERON_CORE_PROFILES_REGISTER_DEFAULT_TASK", "false");
            try (Platform platform = Platform.launch(workspace.repo(), dataDir, workspace.log("kafka-ingest"), env)) {
                platform.awaitReady(Duration.ofMinutes(3));
                String load = Machine.loadAverage();
                long started = System.nanoTime();
                double cpuBefore = ProcessCpu.jvmSeconds(platform.pid());
                long stored;
                try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:"
                        + new PostgresControl(dataDir).port() + "/postgres", "postgres", "")) {
                    long limit = System.nanoTime() + Duration.ofMinutes(options.integer("drainMinutes", 10)).toNanos();
                    do {
                        Thread.sleep(100);
                        stored = count(db);
                    } while (stored < events && System.nanoTime() < limit);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    double cpu = ProcessCpu.jvmSeconds(platform.pid()) - cpuBefore;
                    Thread.sleep(2_000); // a last poll's commit, and any stray event
                    long storedAfter = count(db);
                    long committed = committed(servers);
                    report.put("events", events);
                    report.put("stored", storedAfter);
                    report.put("drainSeconds", seconds);
                    report.put("eventsPerSecond", stored / seconds);
                    report.put("platformCpuSeconds", cpu);
                    report.put("offsetsCommitted", committed);
                    report.table("Kafka topic to event table: " + records + " records of " + batch + " events, "
                                    + partitions + " partitions, one node",
                            List.of("events", "stored", "drain s (ready to last stored)", "events/s",
                                    "platform JVM CPU s", "offsets committed of records", "load avg before"),
                            List.of(Report.row(events, storedAfter, Report.num(seconds, 1),
                                    Report.num(stored / seconds, 0), Report.num(cpu, 1),
                                    committed + " of " + records, load)));
                    if (storedAfter != events || committed != records) {
                        report.note("FAIL: stored " + storedAfter + " of " + events + ", committed " + committed
                                + " of " + records);
                    }
                }
                platform.stop(true);
            }
        } finally {
            Platform.stopAll();
            if (!options.flag("keep")) {
                Workspace.delete(dataDir);
            }
        }
        return report;
    }

    private static KafkaClusterTestKit startBroker() throws Exception {
        KafkaClusterTestKit broker = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        broker.format();
        broker.startup();
        broker.waitForReadyBrokers();
        return broker;
    }

    /** Writes the backlog: each record a Segment batch, keyed by its first user (so one user stays in order). */
    private double produce(String servers) throws Exception {
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers,
                "linger.ms", 5, "compression.type", "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (int r = 0; r < records; r++) {
                StringBuilder value = new StringBuilder(batch * 160).append("{\"batch\":[");
                for (int i = 0; i < batch; i++) {
                    long n = (long) r * batch + i;
                    value.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"messageId\":\"bench-").append(n)
                            .append("\",\"userId\":\"user-").append(n % 20_000).append("\",\"event\":\"")
                            .append(NAMES[(int) (n % NAMES.length)]).append("\",\"properties\":{\"price\":")
                            .append(n % 97).append(",\"sku\":\"sku-").append(n % 500).append("\"}}");
                }
                value.append("]}");
                sent.add(producer.send(new ProducerRecord<>(TOPIC, ("user-" + r).getBytes(StandardCharsets.UTF_8),
                        value.toString().getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static long count(Connection db) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select count(*) from event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Records whose offsets the platform's group has committed, over all partitions. */
    private long committed(String servers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            long total = 0;
            for (int p = 0; p < partitions; p++) {
                OffsetAndMetadata offset = offsets.get(new TopicPartition(TOPIC, p));
                total += offset == null ? 0 : offset.offset();
            }
            return total;
        }
    }
}

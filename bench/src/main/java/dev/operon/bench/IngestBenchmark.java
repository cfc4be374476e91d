package dev.operon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * Ingestion throughput: {@code /v1/batch} with {@code batch} events a request from {@code clients} concurrent clients,
 * against a raw COPY of the same events into the same {@code event} table in the same run (rounds interleave the
 * two so both see the same machine). Afterwards: stored = accepted (rows and dedupe entries of the source), and
 * resending already accepted batches adds nothing.
 */
final class IngestBenchmark implements Benchmark {

    static final double RATIO_TARGET = 0.5;
    static final double RATE_TARGET = 30_000;
    private static final String[] NAMES = {"Product Viewed", "Product Added", "Checkout Started", "Order Completed",
            "Signed In", "Search Performed"};

    private final Workspace workspace;
    private final Options options;
    private final int batchSize;
    private final int clients;
    private final int batchesPerRound;
    private final int rounds;
    private final int copyRowsPerStatement;
    private final int resend;

    IngestBenchmark(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
        this.batchSize = options.integer("batch", 500);
        this.clients = options.integer("clients", 8);
        this.batchesPerRound = options.integer("batches", 200);
        this.rounds = options.integer("rounds", 3);
        this.copyRowsPerStatement = options.integer("copyRows", 5000);
        this.resend = options.integer("resend", 40);
    }

    /** One generated event: its JSON for the API and its COPY row for the baseline. */
    private record Generated(String json, String copyRow) {
    }

    /**
     * One timed phase, with the CPU seconds it cost: the platform's JVM, its PostgreSQL (all backends), and this
     * harness (the COPY client, or the HTTP clients that generate the load).
     */
    record Phase(String what, int round, long events, double seconds, long retries, Cpu cpu) {
        double rate() {
            return events / seconds;
        }
    }

    /** CPU seconds used during a phase. */
    record Cpu(double jvm, double postgres, double harness) {
        /** The server side: what the platform and its database spent. */
        double server() {
            return jvm + postgres;
        }
    }

    /** Reads the CPU counters of the platform, its PostgreSQL and this harness. */
    private record CpuMeter(long jvmPid, long postmasterPid) {
        double[] read() {
            return new double[] {ProcessCpu.seconds(jvmPid), ProcessCpu.postgresSeconds(postmasterPid),
                    ProcessCpu.seconds(ProcessHandle.current().pid())};
        }

        Cpu since(double[] before) {
            double[] after = read();
            return new Cpu(after[0] - before[0], after[1] - before[1], after[2] - before[2]);
        }
    }

    @Override
    public Report run() throws Exception {
        Report report = new Report("ingest", options.all());
        Path dataDir = workspace.newDataDir("ingest");
        List<Phase> phases = new ArrayList<>();
        long accepted = 0;
        Map<String, Object> checks = new LinkedHashMap<>();
        Map<String, Object> writer = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        // the scheduled profile update (every 5 minutes) would compete with the measured write path (seen in JFR)
        env.put("OPERON_CORE_PROFILES_REGISTER_DEFAULT_TASK", "false");
        String method = options.text("method", "");
        if (!method.isBlank()) {
            env.put("OPERON_CORE_INGEST_WRITE_METHOD", method);
        }
        // env=NAME=value;NAME=value: platform settings for a variant (e.g. OPERON_CORE_INGEST_MAX_WRITE_BATCH=1)
        for (String pair : options.text("env", "").split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        try (Platform platform = Platform.launch(workspace.repo(), dataDir, workspace.log("ingest"), env)) {
            platform.awaitReady(Duration.ofMinutes(options.integer("readyMinutes", 3)));
            OperonClient api = platform.client();
            JsonNode source = api.post("/api/v1/sources", Map.of("name", "bench-" + System.currentTimeMillis()),
                    Duration.ofSeconds(30));
            String key = source.get("writeKey").asText();
            long sourceId = source.get("id").asLong();
            String jdbcUrl = "jdbc:postgresql://localhost:" + new PostgresControl(dataDir).port() + "/postgres";
            CpuMeter meter = new CpuMeter(ProcessCpu.javaPid(platform.pid()), new PostgresControl(dataDir)
                    .postmasterPid().orElseThrow(() -> new IllegalStateException("no postmaster on " + dataDir)));
            // sql="...": a statement run on the platform's database before the warm-up (for example a schema change
            // measured before it ships as a migration)
            String sql = options.text("sql", "");
            if (!sql.isBlank()) {
                try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                     java.sql.Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
            SplittableRandom random = new SplittableRandom(42);
            Tracker tracker = new Tracker(platform, key, options.text("http", "1.1"));
            System.err.println("bench: warming up");
            List<byte[]> warm = batches(random, 20, null);
            tracker.send(warm, clients);
            accepted += 20L * batchSize;
            List<byte[]> firstRound = null;
            for (int round = 1; round <= rounds; round++) {
                List<String> copyRows = new ArrayList<>();
                List<byte[]> bodies = batches(random, batchesPerRound, copyRows);
                if (firstRound == null) {
                    firstRound = bodies;
                }
                System.err.println("bench: round " + round + ": COPY of " + copyRows.size() + " events");
                double[] cpu = meter.read();
                Phase copied = copy(jdbcUrl, copyRows, round);
                phases.add(new Phase(copied.what(), round, copied.events(), copied.seconds(), 0, meter.since(cpu)));
                System.err.println("bench: round " + round + ": /v1/batch with " + bodies.size() + " batches");
                cpu = meter.read();
                Tracker.Result sent = tracker.send(bodies, clients);
                phases.add(new Phase("/v1/batch", round, (long) bodies.size() * batchSize, sent.seconds(),
                        sent.retries(), meter.since(cpu)));
                accepted += (long) bodies.size() * batchSize;
            }
            long before = countRows(jdbcUrl, sourceId);
            System.err.println("bench: resending " + resend + " accepted batches");
            Tracker.Result again = tracker.send(firstRound.subList(0, Math.min(resend, firstRound.size())), clients);
            long after = countRows(jdbcUrl, sourceId);
            checks.put("accepted", accepted);
            checks.put("storedRows", before);
            checks.put("dedupeEntries", countDedupe(jdbcUrl, sourceId));
            checks.put("resentEvents", (long) Math.min(resend, firstRound.size()) * batchSize);
            checks.put("resentAnswers200", again.ok());
            checks.put("storedAfterResend", after);
            checks.put("httpVersion", String.valueOf(tracker.negotiated()));
            writer.putAll(writerMetrics(platform, key));
            platform.stop(true);
        } finally {
            Platform.stopAll();
            if (!options.flag("keep")) {
                Workspace.delete(dataDir);
            }
        }
        describe(report, phases, checks, writer);
        return report;
    }

    private List<byte[]> batches(SplittableRandom random, int count, List<String> copyRows) {
        List<byte[]> bodies = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int b = 0; b < count; b++) {
            StringBuilder body = new StringBuilder(batchSize * 400).append("{\"batch\":[");
            for (int i = 0; i < batchSize; i++) {
                Generated event = event(random, now);
                if (i > 0) {
                    body.append(',');
                }
                body.append(event.json());
                if (copyRows != null) {
                    copyRows.add(event.copyRow());
                }
            }
            body.append("],\"sentAt\":\"").append(now).append("\"}");
            bodies.add(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static Generated event(SplittableRandom random, Instant now) {
        String messageId = UUID.randomUUID().toString();
        String user = "user-" + random.nextInt(100_000);
        String anonymous = "anon-" + Long.toHexString(random.nextLong());
        String name = NAMES[random.nextInt(NAMES.length)];
        Instant at = now.minusSeconds(random.nextInt(86_400));
        String properties = String.format(Locale.ROOT,
                "{\"sku\":\"SKU-%05d\",\"price\":%.2f,\"quantity\":%d,\"category\":\"cat-%d\",\"currency\":\"EUR\"}",
                random.nextInt(50_000), random.nextInt(20_000) / 100.0, 1 + random.nextInt(5), random.nextInt(40));
        String context = "{\"library\":{\"name\":\"analytics-java\",\"version\":\"3.5.1\"},\"ip\":\"10.0."
                + random.nextInt(256) + "." + random.nextInt(256) + "\",\"userAgent\":\"Mozilla/5.0 (X11; Linux)\"}";
        String json = "{\"type\":\"track\",\"event\":\"" + name + "\",\"userId\":\"" + user + "\",\"anonymousId\":\""
                + anonymous + "\",\"messageId\":\"" + messageId + "\",\"timestamp\":\"" + at + "\",\"properties\":"
                + properties + ",\"context\":" + context + "}";
        // the baseline's rows carry no source, so they never count as events accepted through the API
        String copyRow = String.join("\t", "\\N", messageId, "track", name, user, anonymous, "\\N",
                "\\N", at.toString(), at.toString(), now.toString(), now.toString(), properties, "\\N", context, "\\N");
        return new Generated(json, copyRow);
    }

    /** The raw baseline: COPY FROM STDIN of the rows, {@code copyRowsPerStatement} a statement and transaction. */
    private Phase copy(String jdbcUrl, List<String> rows, int round) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            for (int from = 0; from < rows.size(); from += copyRowsPerStatement) {
                StringBuilder text = new StringBuilder();
                for (String row : rows.subList(from, Math.min(rows.size(), from + copyRowsPerStatement))) {
                    text.append(row).append('\n');
                }
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy event (source_id, message_id, type,"
                        + " name, user_id, anonymous_id, group_id, previous_id, ts, original_ts, sent_at, received_at,"
                        + " properties, traits, context, integrations) from stdin", new StringReader(text.toString()));
                connection.commit();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Phase("raw COPY", round, rows.size(), seconds, 0, null);
        }
    }

    private static long countRows(String jdbcUrl, long sourceId) throws SQLException {
        return scalar(jdbcUrl, "select count(*) from event where source_id = " + sourceId);
    }

    private static long countDedupe(String jdbcUrl, long sourceId) throws SQLException {
        return scalar(jdbcUrl, "select count(*) from event_dedupe where source_key = " + sourceId);
    }

    private static long scalar(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The writer's meters from /q/metrics: events per transaction and transaction time. */
    private static Map<String, Object> writerMetrics(Platform platform, String key) {
        Map<String, Object> found = new LinkedHashMap<>();
        try {
            String text = platform.client().getText("/q/metrics");
            for (String line : text.lines().toList()) {
                if (line.startsWith("operon_ingest_write_batch_size_events_count")
                        || line.startsWith("operon_ingest_write_batch_size_events_sum")
                        || line.startsWith("operon_ingest_write_batch_size_count")
                        || line.startsWith("operon_ingest_write_batch_size_sum")
                        || line.startsWith("operon_ingest_write_latency_seconds_count")
                        || line.startsWith("operon_ingest_write_latency_seconds_sum")
                        || line.startsWith("operon_ingest_events_accepted_total")
                        || line.startsWith("operon_ingest_events_deduplicated_total")) {
                    String[] parts = line.split(" ");
                    found.put(parts[0], Double.parseDouble(parts[parts.length - 1]));
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            found.put("error", e.getMessage());
        }
        return found;
    }

    private void describe(Report report, List<Phase> phases, Map<String, Object> checks, Map<String, Object> writer) {
        List<List<String>> rows = new ArrayList<>();
        double copyEvents = 0;
        double copySeconds = 0;
        double apiEvents = 0;
        double apiSeconds = 0;
        long retries = 0;
        double[] copyCpu = new double[3];
        double[] apiCpu = new double[3];
        for (Phase phase : phases) {
            Cpu cpu = phase.cpu();
            rows.add(Report.row(phase.round(), phase.what(), phase.events(), Report.num(phase.seconds(), 2),
                    Report.num(phase.rate(), 0), phase.retries(), Report.num(cpu.jvm(), 2),
                    Report.num(cpu.postgres(), 2), Report.num(cpu.harness(), 2),
                    Report.num(phase.events() / cpu.server(), 0)));
            double[] sums = phase.what().equals("raw COPY") ? copyCpu : apiCpu;
            sums[0] += cpu.jvm();
            sums[1] += cpu.postgres();
            sums[2] += cpu.harness();
            if (phase.what().equals("raw COPY")) {
                copyEvents += phase.events();
                copySeconds += phase.seconds();
            } else {
                apiEvents += phase.events();
                apiSeconds += phase.seconds();
                retries += phase.retries();
            }
        }
        double copyRate = copyEvents / copySeconds;
        double apiRate = apiEvents / apiSeconds;
        double ratio = apiRate / copyRate;
        report.put("phases", phases);
        report.put("copyRate", copyRate);
        report.put("apiRate", apiRate);
        report.put("ratio", ratio);
        report.put("cpuPer100kEvents", Map.of(
                "copy", Map.of("jvm", copyCpu[0] * 1e5 / copyEvents, "postgres", copyCpu[1] * 1e5 / copyEvents,
                        "harness", copyCpu[2] * 1e5 / copyEvents),
                "api", Map.of("jvm", apiCpu[0] * 1e5 / apiEvents, "postgres", apiCpu[1] * 1e5 / apiEvents,
                        "harness", apiCpu[2] * 1e5 / apiEvents)));
        double copyPerCpu = copyEvents / (copyCpu[0] + copyCpu[1]);
        double apiPerCpu = apiEvents / (apiCpu[0] + apiCpu[1]);
        report.put("copyEventsPerServerCpuSecond", copyPerCpu);
        report.put("apiEventsPerServerCpuSecond", apiPerCpu);
        report.put("checks", checks);
        report.put("writer", writer);
        report.table("Rounds (" + batchSize + " events a batch, " + clients + " clients; COPY " + copyRowsPerStatement
                        + " rows a statement)", List.of("round", "path", "events", "seconds", "events/s",
                        "503/429 retries", "platform JVM CPU s", "PostgreSQL CPU s", "harness CPU s",
                        "events per server CPU s"), rows);
        report.table("Verdict", List.of("figure", "value", "target", "verdict"), List.of(
                Report.row("/v1/batch events/s", Report.num(apiRate, 0), "≥ " + Report.num(RATE_TARGET, 0),
                        apiRate >= RATE_TARGET ? "pass" : "FAIL"),
                Report.row("raw COPY events/s", Report.num(copyRate, 0), "baseline", ""),
                Report.row("ratio /v1/batch : COPY", Report.num(ratio, 3), "≥ " + RATIO_TARGET,
                        ratio >= RATIO_TARGET ? "pass" : "FAIL"),
                Report.row("stored = accepted", checks.get("storedRows") + " = " + checks.get("accepted"),
                        "equal", checks.get("storedRows").equals(checks.get("accepted"))
                                && checks.get("dedupeEntries").equals(checks.get("accepted")) ? "pass" : "FAIL"),
                Report.row("resent " + checks.get("resentEvents") + " events (answers 200: "
                                + checks.get("resentAnswers200") + " batches)",
                        "stored " + checks.get("storedRows") + " → " + checks.get("storedAfterResend"), "no change",
                        checks.get("storedRows").equals(checks.get("storedAfterResend")) ? "pass" : "FAIL")));
        report.note("503/429 answers during the API phases: " + retries + " (each retried after Retry-After).");
        report.note("HTTP version the clients' batches were answered in: " + checks.get("httpVersion") + ".");
        report.note("Writer meters at the end: " + writer);
    }

    /** Sends pre-built batch bodies from concurrent clients, retrying 503/429 after Retry-After. */
    private static final class Tracker {
        private final HttpClient http;
        private final URI uri;
        private final String authorization;
        private volatile HttpClient.Version negotiated;

        record Result(double seconds, long retries, long ok) {
        }

        /**
         * {@code version} "1.1" (the default: what Segment's analytics libraries speak to a plain-HTTP host) or "2"
         * (the JDK client's own default: HTTP/2 through an h2c upgrade, which costs both sides more CPU per batch).
         */
        Tracker(Platform platform, String key, String version) {
            this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .version(version.equals("1.1") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                    .build();
            this.uri = URI.create(platform.client().base() + "/v1/batch");
            this.authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
        }

        /** The HTTP version the server answered in, once a request succeeded. */
        HttpClient.Version negotiated() {
            return negotiated;
        }

        Result send(List<byte[]> bodies, int clients) throws Exception {
            AtomicInteger next = new AtomicInteger();
            AtomicLong retries = new AtomicLong();
            AtomicLong ok = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long started = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    done.add(pool.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                            post(bodies.get(i), retries);
                            ok.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            return new Result((System.nanoTime() - started) / 1e9, retries.get(), ok.get());
        }

        private void post(byte[] body, AtomicLong retries) throws IOException, InterruptedException {
            while (true) {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                        .header("Authorization", authorization).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    negotiated = response.version();
                    return;
                }
                if (response.statusCode() == 503 || response.statusCode() == 429) {
                    retries.incrementAndGet();
                    long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
                    Thread.sleep(wait * 1000);
                    continue;
                }
                throw new IOException("/v1/batch answered " + response.statusCode() + ": " + response.body());
            }
        }
    }
}

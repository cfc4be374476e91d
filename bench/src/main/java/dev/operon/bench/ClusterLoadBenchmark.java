package dev.operon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.core.db.EmbeddedDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster under load ({@code bench/run.sh cluster-load}): {@code nodes} platform nodes ({@code ./operon serve}) on
 * one embedded PostgreSQL, {@code schedules} task definitions active at once (each a {@code core.noop} firing once a
 * minute, spread over the seconds), then
 * <ol>
 *   <li>the ingestion maximum: {@code /v1/batch} from {@code clients} closed-loop clients spread over the nodes for
 *       {@code maxSeconds};</li>
 *   <li>a paced phase at {@code load} (default 0.8) of that maximum for {@code seconds} (default 600), while
 *       {@code GET /api/v1/runs} and {@code GET /api/v1/tasks} are timed on every node.</li>
 * </ol>
 * Afterwards: every event answered 200 is in the database (by message id), and the schedules' fires inside the
 * paced phase are counted against the expected number (each fire once).
 */
final class ClusterLoadBenchmark implements Benchmark {

    private final Workspace workspace;
    private final Options options;
    private final int nodes;
    private final int schedules;
    private final int batchSize;
    private final int clients;
    private final Duration maxPhase;
    private final Duration pacedPhase;
    private final double load;
    private final int apiRate;

    ClusterLoadBenchmark(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
        this.nodes = options.integer("nodes", 3);
        this.schedules = options.integer("schedules", 1000);
        this.batchSize = options.integer("batch", 100);
        this.clients = options.integer("clients", 6);
        this.maxPhase = options.seconds("maxSeconds", 60);
        this.pacedPhase = options.seconds("seconds", 600);
        this.load = Double.parseDouble(options.text("load", "0.8"));
        this.apiRate = options.integer("apiRate", 10);
    }

    @Override
    public Report run() throws Exception {
        Report report = new Report("cluster-load", options.all());
        Path dbDir = workspace.newDataDir("cluster-load-db");
        List<Platform> platforms = new ArrayList<>();
        try (EmbeddedDatabase database = EmbeddedDatabase.startFresh(dbDir)) {
            String jdbcUrl = database.jdbcUrl();
            for (int i = 1; i <= nodes; i++) {
                Map<String, String> env = new LinkedHashMap<>();
                env.put("OPERON_DB_URL", jdbcUrl);
                env.put("OPERON_DB_USER", EmbeddedDatabase.USER);
                env.put("OPERON_DB_PASSWORD", "");
                env.put("QUARKUS_QUARTZ_INSTANCE_ID", "bench-node-" + i);
                env.put("OPERON_CORE_TASKS_PLUGIN_DEFAULT_SCHEDULES", "false");
                // no class-archive recording run: ./operon then stays the JVM itself, which stop() can end
                env.put("OPERON_CDS", "false");
                Platform platform = Platform.launch(workspace.repo(), workspace.newDataDir("cluster-load-node-" + i),
                        workspace.log("cluster-load-node-" + i), env);
                platforms.add(platform);
                if (i == 1) {
                    platform.awaitReady(Duration.ofMinutes(5)); // migrates and creates the admin alone
                }
            }
            for (Platform platform : platforms) {
                platform.awaitReady(Duration.ofMinutes(5));
            }
            OperonClient admin = platforms.get(0).client();
            JsonNode source = admin.post("/api/v1/sources", Map.of("name", "cluster-load"), Duration.ofSeconds(30));
            String key = source.get("writeKey").asText();
            long sourceId = source.get("id").asLong();

            System.err.println("bench: defining " + schedules + " schedules");
            Instant schedulesFrom = Instant.now();
            ExecutorService defining = Executors.newFixedThreadPool(Math.max(1, options.integer("defineClients", 6)));
            try {
                List<Future<?>> defined = new ArrayList<>();
                for (int i = 0; i < schedules; i++) {
                    int n = i;
                    OperonClient client = platforms.get(i % platforms.size()).client();
                    defined.add(defining.submit(() -> client.post("/api/v1/tasks", Map.of("name", "load-" + n,
                            "type", "core.noop", "concurrency", "allow", "schedule", Map.of("kind", "cron", "cron",
                                    (n % 60) + " * * * * ?")), Duration.ofSeconds(120))));
                }
                for (Future<?> future : defined) {
                    future.get();
                }
            } finally {
                defining.shutdownNow();
            }
            double defineSeconds = Duration.between(schedulesFrom, Instant.now()).toMillis() / 1000.0;

            Ingest ingest = new Ingest(platforms, key, batchSize);
            System.err.println("bench: ingestion maximum for " + maxPhase.toSeconds() + " s");
            Ingest.Result max = ingest.closedLoop(clients, maxPhase);
            double target = max.rate() * load;
            System.err.printf("bench: maximum %.0f events/s; paced phase at %.0f events/s for %d s%n", max.rate(),
                    target, pacedPhase.toSeconds());

            ApiProbe probe = new ApiProbe(platforms, apiRate);
            probe.start();
            Instant pacedFrom = Instant.now();
            Ingest.Result paced = ingest.paced(clients * 2, target, pacedPhase);
            Instant pacedTo = Instant.now();
            probe.stop();

            // the last fires of the window start late on a loaded machine: give them time before counting
            Thread.sleep(options.integer("settleSeconds", 30) * 1000L);
            long stored = storedOf(jdbcUrl, sourceId, ingest.accepted);
            long storedRows = scalar(jdbcUrl, "select count(*) from event where source_id = " + sourceId);
            Fires fires = fires(jdbcUrl, pacedFrom.plusSeconds(2), pacedTo.minusSeconds(2));

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("nodes", nodes);
            figures.put("schedules", schedules);
            figures.put("defineSchedulesSeconds", defineSeconds);
            figures.put("maxRate", max.rate());
            figures.put("maxRefusals", max.refusals());
            figures.put("pacedTarget", target);
            figures.put("pacedRate", paced.rate());
            figures.put("pacedRefusals", paced.refusals());
            figures.put("pacedSeconds", paced.seconds());
            figures.put("accepted", ingest.accepted.size());
            figures.put("storedOfAccepted", stored);
            figures.put("storedRows", storedRows);
            figures.put("otherAnswers", ingest.other);
            figures.put("fires", fires);
            report.put("figures", figures);
            report.put("api", probe.summary());

            report.table("Cluster of " + nodes + " nodes on one PostgreSQL; " + schedules + " active schedules"
                    + " (core.noop once a minute each, about " + Report.num(schedules / 60.0, 1) + " fires/s)",
                    List.of("phase", "seconds", "events/s", "503/429 answers", "note"), List.of(
                            Report.row("maximum (" + clients + " closed-loop clients, " + batchSize + " a batch)",
                                    Report.num(max.seconds(), 1), Report.num(max.rate(), 0), max.refusals(), ""),
                            Report.row("paced at " + Report.num(load * 100, 0) + "% of it",
                                    Report.num(paced.seconds(), 1), Report.num(paced.rate(), 0), paced.refusals(),
                                    "target " + Report.num(target, 0) + " events/s")));
            List<List<String>> api = new ArrayList<>();
            probe.summary().forEach((path, s) -> api.add(Report.row(path, s.get("count"), s.get("p50"),
                    s.get("p95"), s.get("p99"), s.get("max"), s.get("errors"))));
            report.table("API under that load (ms, all nodes)", List.of("request", "count", "p50", "p95", "p99",
                    "max", "non-200"), api);
            report.table("Checks", List.of("check", "value", "verdict"), List.of(
                    Report.row("events answered 200 stored (by message id)", stored + " of "
                            + ingest.accepted.size(), stored == ingest.accepted.size() ? "pass" : "FAIL"),
                    Report.row("rows of the source = accepted", storedRows + " = " + ingest.accepted.size(),
                            storedRows == ingest.accepted.size() ? "pass" : "FAIL"),
                    Report.row("answers other than 200/503/429", ingest.other.toString(),
                            ingest.other.isEmpty() ? "pass" : "FAIL"),
                    Report.row("schedule fires in the paced window (each once)", fires.runs() + " runs for "
                            + fires.expected() + " expected fires; " + fires.failed() + " not succeeded",
                            fires.runs() == fires.expected() && fires.failed() == 0 ? "pass" : "FAIL"),
                    Report.row("other scheduled runs in the window (not counted)", fires.others(), "")));
            report.note("Paced phase: " + pacedPhase.toSeconds() + " s requested (issue 10 asks for 600).");
            return report;
        } finally {
            for (Platform platform : platforms) {
                try {
                    platform.stop(false);
                } catch (IOException | RuntimeException e) {
                    System.err.println("bench: could not stop a node: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Runs of the bench's own schedules ({@code load-*}) whose fire time is inside [from, to), against the fires
     * expected there; {@code others} lists the runs of other scheduled definitions in the window (the platform's own,
     * such as {@code profiles-update}) by name and state, which are not part of the count.
     */
    record Fires(long expected, long runs, long failed, String others) {
    }

    private Fires fires(String jdbcUrl, Instant from, Instant to) throws Exception {
        long expected = 0;
        for (Instant t = from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS); t.isBefore(to); t = t.plusSeconds(1)) {
            if (t.isBefore(from)) {
                continue;
            }
            int second = (int) (t.getEpochSecond() % 60);
            // schedules i with i % 60 == second
            expected += second < schedules ? (schedules - 1 - second) / 60 + 1 : 0;
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USER, "");
             PreparedStatement statement = connection.prepareStatement("select count(*), count(*) filter (where"
                     + " r.state <> 'succeeded') from run r join task t on t.id = r.task_id where r.trigger = 'schedule'"
                     + " and t.name like 'load-%' and r.scheduled_for >= ? and r.scheduled_for < ?");
             PreparedStatement others = connection.prepareStatement("select t.name, r.state, count(*) from run r"
                     + " join task t on t.id = r.task_id where r.trigger = 'schedule' and t.name not like 'load-%'"
                     + " and r.scheduled_for >= ? and r.scheduled_for < ? group by t.name, r.state order by 1, 2")) {
            StringBuilder other = new StringBuilder();
            others.setTimestamp(1, Timestamp.from(from));
            others.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = others.executeQuery()) {
                while (rs.next()) {
                    other.append(other.length() == 0 ? "" : ", ").append(rs.getString(1)).append(' ')
                            .append(rs.getString(2)).append(" x").append(rs.getLong(3));
                }
            }
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Fires(expected, rs.getLong(1), rs.getLong(2),
                        other.length() == 0 ? "none" : other.toString());
            }
        }
    }

    private static long storedOf(String jdbcUrl, long sourceId, java.util.Set<String> ids) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USER, "");
             PreparedStatement statement = connection.prepareStatement(
                     "select count(distinct message_id) from event where source_id = ? and message_id = any(?)")) {
            statement.setLong(1, sourceId);
            statement.setArray(2, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long scalar(String jdbcUrl, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USER, "");
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code /v1/batch} senders over all nodes; remembers every message id answered 200. */
    private static final class Ingest {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final List<URI> targets = new ArrayList<>();
        private final String authorization;
        private final int batchSize;
        final java.util.Set<String> accepted = ConcurrentHashMap.newKeySet();
        final Map<Integer, Long> other = new ConcurrentHashMap<>();

        record Result(long events, double seconds, long refusals) {
            double rate() {
                return events / seconds;
            }
        }

        Ingest(List<Platform> platforms, String key, int batchSize) {
            platforms.forEach(p -> targets.add(URI.create(p.client().base() + "/v1/batch")));
            this.authorization = "Basic " + Base64.getEncoder().encodeToString((key + ":")
                    .getBytes(StandardCharsets.UTF_8));
            this.batchSize = batchSize;
        }

        /** Each client sends its next batch as soon as the last is answered. */
        Result closedLoop(int clientCount, Duration length) throws Exception {
            return drive(clientCount, length, 0);
        }

        /** Batches are due at a fixed pace; a client takes the next due one (no catching up beyond one batch). */
        Result paced(int clientCount, double eventsPerSecond, Duration length) throws Exception {
            return drive(clientCount, length, eventsPerSecond);
        }

        private Result drive(int clientCount, Duration length, double eventsPerSecond) throws Exception {
            AtomicLong events = new AtomicLong();
            AtomicLong refusals = new AtomicLong();
            AtomicLong nextDue = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            long started = System.nanoTime();
            long periodNanos = eventsPerSecond > 0 ? (long) (batchSize / eventsPerSecond * 1e9) : 0;
            long end = started + length.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(clientCount);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                URI target = targets.get(c % targets.size());
                done.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (periodNanos > 0) {
                            long due = started + nextDue.getAndIncrement() * periodNanos;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            if (System.nanoTime() >= end) {
                                break;
                            }
                        }
                        List<String> ids = new ArrayList<>(batchSize);
                        byte[] body = batch(ids);
                        while (true) {
                            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target)
                                    .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            int status = response.statusCode();
                            if (status == 200) {
                                accepted.addAll(ids);
                                events.addAndGet(ids.size());
                                break;
                            }
                            if (status == 503 || status == 429) {
                                refusals.incrementAndGet();
                                Thread.sleep(response.headers().firstValueAsLong("Retry-After").orElse(1) * 1000);
                                continue;
                            }
                            other.merge(status, 1L, Long::sum);
                            break;
                        }
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
            return new Result(events.get(), (System.nanoTime() - started) / 1e9, refusals.get());
        }

        private byte[] batch(List<String> ids) {
            StringBuilder body = new StringBuilder(batchSize * 300).append("{\"batch\":[");
            for (int i = 0; i < batchSize; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":")
                        .append("\"user-").append(id, 0, 6).append("\",\"messageId\":\"").append(id)
                        .append("\",\"properties\":{\"sku\":\"SKU-").append(i).append("\",\"price\":12.5},")
                        .append("\"context\":{\"library\":{\"name\":\"bench\"}}}");
            }
            return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Times GET /api/v1/runs?limit=50 and GET /api/v1/tasks?limit=50 round-robin over the nodes at a fixed rate. */
    private static final class ApiProbe {
        private static final List<String> PATHS = List.of("/api/v1/runs?limit=50", "/api/v1/tasks?limit=50");
        private final List<OperonClient> clients = new ArrayList<>();
        private final int rate;
        private final Map<String, List<Double>> millis = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private Thread thread;

        ApiProbe(List<Platform> platforms, int rate) {
            platforms.forEach(p -> clients.add(p.client()));
            this.rate = rate;
            PATHS.forEach(p -> {
                millis.put(p, Collections.synchronizedList(new ArrayList<>()));
                errors.put(p, new AtomicLong());
            });
        }

        void start() {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            thread = new Thread(() -> {
                long period = 1_000_000_000L / Math.max(1, rate);
                long next = System.nanoTime();
                for (long i = 0; !stop.get(); i++) {
                    String path = PATHS.get((int) (i % PATHS.size()));
                    OperonClient client = clients.get((int) ((i / PATHS.size()) % clients.size()));
                    pool.submit(() -> time(client, path));
                    next += period;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000);
                        } catch (InterruptedException e) {
                            break;
                        }
                    }
                }
                pool.shutdown();
            }, "bench-api-probe");
            thread.start();
        }

        private void time(OperonClient client, String path) {
            long started = System.nanoTime();
            try {
                client.get(path);
                millis.get(path).add((System.nanoTime() - started) / 1e6);
            } catch (IOException | InterruptedException | RuntimeException e) {
                errors.get(path).incrementAndGet();
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join();
            Thread.sleep(2000);
        }

        Map<String, Map<String, String>> summary() {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            for (String path : PATHS) {
                List<Double> values = new ArrayList<>(millis.get(path));
                Map<String, String> s = new LinkedHashMap<>();
                s.put("count", Integer.toString(values.size()));
                if (!values.isEmpty()) {
                    Stats stats = new Stats(values);
                    s.put("p50", Report.num(stats.median(), 1));
                    s.put("p95", Report.num(stats.percentile(95), 1));
                    s.put("p99", Report.num(stats.percentile(99), 1));
                    s.put("max", Report.num(stats.max(), 1));
                }
                s.put("errors", Long.toString(errors.get(path).get()));
                out.put(path, s);
            }
            return out;
        }
    }
}

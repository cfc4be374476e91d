package dev.operon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Console page timings with a realistic history: a fresh workspace is filled through the running platform's own
 * write paths ({@code runs} ad-hoc {@code core.noop} runs through the task engine, {@code tasks} task definitions,
 * enable/disable calls until the audit log holds {@code audit} records, {@code events} events through
 * {@code /v1/batch}); the audit chain is verified; then every main page is requested {@code requests} times (after
 * {@code warmup} unmeasured ones) with a signed-in console session, one request at a time, and the time to the
 * whole response on loopback is recorded: an upper bound of the server's time.
 */
final class ConsoleBenchmark implements Benchmark {

    static final double P95_TARGET_MS = 100;
    private static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

    private final Workspace workspace;
    private final Options options;
    private final int runs;
    private final int tasks;
    private final long auditTarget;
    private final int events;
    private final int requests;
    private final int warmup;
    private final int clients;

    ConsoleBenchmark(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
        this.runs = options.integer("runs", 10_000);
        this.tasks = options.integer("tasks", 500);
        this.auditTarget = options.integer("audit", 100_000);
        this.events = options.integer("events", 20_000);
        this.requests = options.integer("requests", 100);
        this.warmup = options.integer("warmup", 20);
        this.clients = options.integer("clients", 8);
    }

    @Override
    public Report run() throws Exception {
        Report report = new Report("console", options.all());
        Path dataDir = workspace.newDataDir("console");
        try (Platform platform = Platform.launch(workspace.repo(), dataDir, workspace.log("console"),
                options.text("javaOpts", ""))) {
            platform.awaitReady(Duration.ofMinutes(3));
            OperonClient api = platform.client();
            long seedStart = System.nanoTime();
            Map<String, Object> seeded = seed(api);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            JsonNode verified = api.get("/api/v1/audit/verify");
            report.put("seeded", seeded);
            report.put("seedSeconds", seedSeconds);
            report.put("chain", verified);
            report.table("Seeded through the platform (" + Report.num(seedSeconds, 0) + " s)",
                    List.of("figure", "value"), List.of(
                            Report.row("runs (task engine)", seeded.get("runs")),
                            Report.row("task definitions", seeded.get("tasks")),
                            Report.row("audit records", seeded.get("auditRecords")),
                            Report.row("events (/v1/batch)", seeded.get("events")),
                            Report.row("audit chain verified", verified.get("intact").asBoolean() + " ("
                                    + verified.get("recordsChecked").asLong() + " records)")));
            Session session = Session.signIn(api.base(), Platform.ADMIN, Platform.PASSWORD);
            Map<String, String> pages = pages(api, seeded);
            List<List<String>> rows = new ArrayList<>();
            Map<String, Object> figures = new LinkedHashMap<>();
            boolean allPass = true;
            for (Map.Entry<String, String> page : pages.entrySet()) {
                for (int i = 0; i < warmup; i++) {
                    session.get(page.getValue());
                }
                List<Double> times = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    times.add(session.get(page.getValue()));
                }
                Stats stats = new Stats(times);
                boolean pass = stats.percentile(95) < P95_TARGET_MS;
                allPass &= pass;
                figures.put(page.getKey(), Map.of("path", page.getValue(), "p50", stats.percentile(50),
                        "p95", stats.percentile(95), "max", stats.max()));
                rows.add(Report.row(page.getKey(), "`" + page.getValue() + "`", Report.num(stats.percentile(50), 1),
                        Report.num(stats.percentile(95), 1), Report.num(stats.max(), 1), pass ? "pass" : "FAIL"));
            }
            report.put("pages", figures);
            report.put("allPass", allPass);
            report.table("Console pages, " + requests + " requests each after " + warmup + " unmeasured (ms, loopback,"
                            + " time to the whole response)",
                    List.of("page", "path", "p50", "p95", "max", "p95 < 100 ms"), rows);
            platform.stop(true);
        } finally {
            Platform.stopAll();
            if (!options.flag("keep")) {
                Workspace.delete(dataDir);
            }
        }
        return report;
    }

    private Map<String, Object> seed(OperonClient api) throws Exception {
        Map<String, Object> seeded = new LinkedHashMap<>();
        // runs through the real engine path (run, history, audit records, Quartz job), in probes of at most 5000
        int queued = 0;
        while (queued < runs) {
            int n = Math.min(5000, runs - queued);
            api.post("/api/v1/diagnostics/engine-throughput?runs=" + n, null, Duration.ofMinutes(20));
            queued += n;
            System.err.println("bench: " + queued + " runs done");
        }
        seeded.put("runs", queued);
        String stamp = Long.toString(System.currentTimeMillis());
        List<Long> taskIds = parallel(tasks, i -> api.post("/api/v1/tasks", Map.of("name", "bench-" + stamp + "-" + i,
                "type", "core.noop", "params", Map.of()), Duration.ofSeconds(60)).get("id").asLong());
        seeded.put("tasks", taskIds.size());
        // enable/disable calls, each one audited, until the log holds the target
        long records = auditCount(api);
        while (records < auditTarget) {
            int missing = (int) Math.min(20_000, auditTarget - records);
            parallel(missing, i -> {
                long id = taskIds.get(i % taskIds.size());
                api.post("/api/v1/tasks/" + id + (i / taskIds.size() % 2 == 0 ? "/disable" : "/enable"), null,
                        Duration.ofSeconds(60));
                return id;
            });
            records = auditCount(api);
            System.err.println("bench: " + records + " audit records");
        }
        seeded.put("auditRecords", records);
        JsonNode source = api.post("/api/v1/sources", Map.of("name", "bench-" + stamp), Duration.ofSeconds(30));
        String writeKey = source.get("writeKey").asText();
        Random random = new Random(20261130);
        int batches = (events + 499) / 500;
        Instant now = Instant.now();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 500 && b * 500 + i < events; i++) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", "track");
                event.put("userId", "user-" + random.nextInt(2000));
                event.put("event", List.of("Product Viewed", "Added to Cart", "Order Completed").get(random.nextInt(3)));
                event.put("properties", Map.of("sku", "sku-" + random.nextInt(300), "price", random.nextInt(100)));
                event.put("timestamp", now.minusSeconds(random.nextInt(30 * 86400)).toString());
                event.put("messageId", "bench-" + stamp + "-" + b + "-" + i);
                batch.add(event);
            }
            bodies.add(Map.of("batch", batch));
        }
        OperonClient ingest = new OperonClient(Integer.parseInt(api.base().replaceAll(".*:", "")), writeKey, "");
        parallel(bodies.size(), i -> {
            ingest.post("/v1/batch", bodies.get(i), Duration.ofSeconds(60));
            return (long) i;
        });
        seeded.put("events", events);
        return seeded;
    }

    private static long auditCount(OperonClient api) throws Exception {
        return api.get("/api/v1/audit?limit=1").get("items").get(0).get("seq").asLong();
    }

    /** The pages measured, with ids from the seeded history (a run and an audit record from the middle). */
    private static Map<String, String> pages(OperonClient api, Map<String, Object> seeded) throws Exception {
        long lastSeq = auditCount(api);
        JsonNode latestRuns = api.get("/api/v1/runs?limit=1");
        long lastRun = latestRuns.get(0).get("id").asLong();
        JsonNode latestEvents = api.get("/api/v1/events?limit=1");
        long lastEvent = latestEvents.get(0).get("id").asLong();
        String from = Instant.now().minus(Duration.ofDays(1)).toString().substring(0, 10);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("dashboard", "/");
        pages.put("tasks", "/tasks");
        pages.put("runs list", "/runs");
        pages.put("runs list, succeeded", "/runs?state=succeeded");
        pages.put("run detail", "/runs/" + Math.max(1, lastRun - lastRun / 2));
        pages.put("audit list", "/audit");
        pages.put("audit, action filter", "/audit?action=run.*");
        pages.put("audit, action+actor+outcome+time", "/audit?action=task.*&actorType=operator&actorId=admin"
                + "&outcome=success&from=" + from);
        pages.put("audit, target filter", "/audit?target=run:" + Math.max(1, lastRun / 3));
        pages.put("audit record", "/audit/" + Math.max(1, lastSeq / 2));
        pages.put("plugins", "/plugins");
        pages.put("models", "/models");
        pages.put("events", "/events");
        pages.put("events, name filter", "/events?name=" + URLEncoder.encode("Order Completed", StandardCharsets.UTF_8));
        pages.put("event detail", "/events/" + Math.max(1, lastEvent - lastEvent / 2));
        return pages;
    }

    interface Call {
        long call(int index) throws Exception;
    }

    private List<Long> parallel(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            AtomicLong done = new AtomicLong();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    long value = call.call(index);
                    done.incrementAndGet();
                    return value;
                }));
            }
            List<Long> values = new ArrayList<>();
            for (Future<Long> future : futures) {
                values.add(future.get());
            }
            return values;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A console session: signed in through the form, then GETs with the session cookie. */
    static final class Session {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final String base;
        private String cookie;

        private Session(String base) {
            this.base = base;
        }

        static Session signIn(String base, String user, String password) throws IOException, InterruptedException {
            Session session = new Session(base);
            HttpResponse<String> form = session.http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = LOGIN_TOKEN.matcher(form.body());
            if (!token.find()) {
                throw new IOException("no sign-in token on /login");
            }
            String loginCookie = cookie(form, "operon_login");
            String body = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1))
                    + "&next=%2F";
            HttpResponse<String> login = session.http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", loginCookie)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 303) {
                throw new IOException("sign-in answered " + login.statusCode());
            }
            session.cookie = cookie(login, "operon_session");
            return session;
        }

        /** Milliseconds to the whole 200 response. */
        double get(String path) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Cookie", cookie).header("Accept", "text/html").GET().build();
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double millis = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + response.statusCode());
            }
            return millis;
        }

        private static String cookie(HttpResponse<?> response, String name) throws IOException {
            for (String header : response.headers().allValues("set-cookie")) {
                if (header.startsWith(name + "=")) {
                    return header.substring(0, header.indexOf(';') < 0 ? header.length() : header.indexOf(';'));
                }
            }
            throw new IOException("no " + name + " cookie");
        }

        private static String enc(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }
}

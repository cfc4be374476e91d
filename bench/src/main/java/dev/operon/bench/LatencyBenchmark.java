package dev.operon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fire-to-start delay at a steady load: task definitions of {@code core.noop} on a one-second interval (50 of them
 * make 50 runs/s), left to run, then disabled; every run they made is read back through the API and its delay is
 * {@code startedAt - scheduledFor} (the trigger's scheduled fire time to the run's start on a worker).
 */
final class LatencyBenchmark implements Benchmark {

    static final double P99_TARGET_MS = 1000;
    private static final int PAGE = 500;

    private final Workspace workspace;
    private final Options options;
    private final int tasks;
    private final Duration duration;

    LatencyBenchmark(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
        this.tasks = options.integer("tasks", 50);
        this.duration = options.seconds("seconds", 60);
    }

    /** One run as read back. */
    record RunTimes(long id, String state, Instant scheduledFor, Instant startedAt, Instant finishedAt) {
    }

    @Override
    public Report run() throws Exception {
        Report report = new Report("latency", options.all());
        Path dataDir = workspace.newDataDir("latency");
        List<RunTimes> runs = new ArrayList<>();
        Instant windowStart;
        Instant windowEnd;
        try (Platform platform = Platform.launch(workspace.repo(), dataDir, workspace.log("latency"),
                options.text("javaOpts", ""))) {
            platform.awaitReady(Duration.ofMinutes(3));
            OperonClient api = platform.client();
            String stamp = Long.toString(System.currentTimeMillis());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                ids.add(api.post("/api/v1/tasks", task("latency-" + stamp + "-" + i), Duration.ofSeconds(30))
                        .get("id").asLong());
            }
            windowStart = Instant.now();
            System.err.println("bench: " + tasks + " tasks created; running for " + duration.toSeconds() + " s");
            Thread.sleep(duration.toMillis());
            windowEnd = Instant.now();
            for (long id : ids) {
                api.post("/api/v1/tasks/" + id + "/disable", null, Duration.ofSeconds(30));
            }
            Thread.sleep(3000);
            for (long id : ids) {
                runs.addAll(runsOf(api, id));
            }
            platform.stop(true);
        } finally {
            Platform.stopAll();
            if (!options.flag("keep")) {
                Workspace.delete(dataDir);
            }
        }
        describe(report, runs, windowStart, windowEnd);
        return report;
    }

    private static Map<String, Object> task(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "core.noop");
        body.put("params", Map.of());
        body.put("schedule", Map.of("kind", "interval", "everySeconds", 1));
        body.put("concurrency", "allow");
        return body;
    }

    private static List<RunTimes> runsOf(OperonClient api, long taskId) throws Exception {
        List<RunTimes> all = new ArrayList<>();
        Long before = null;
        while (true) {
            JsonNode page = api.get("/api/v1/tasks/" + taskId + "/runs?limit=" + PAGE
                    + (before == null ? "" : "&before=" + before));
            for (JsonNode run : page) {
                all.add(new RunTimes(run.get("id").asLong(), run.get("state").asText(), instant(run, "scheduledFor"),
                        instant(run, "startedAt"), instant(run, "finishedAt")));
                before = before == null ? run.get("id").asLong() : Math.min(before, run.get("id").asLong());
            }
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    private static Instant instant(JsonNode run, String field) {
        JsonNode value = run.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asText());
    }

    private void describe(Report report, List<RunTimes> runs, Instant windowStart, Instant windowEnd) {
        Map<String, Long> byState = new TreeMap<>();
        runs.forEach(r -> byState.merge(r.state(), 1L, Long::sum));
        List<Double> delays = runs.stream().filter(r -> r.startedAt() != null && r.scheduledFor() != null)
                .map(r -> Duration.between(r.scheduledFor(), r.startedAt()).toNanos() / 1e6).toList();
        double windowSeconds = Duration.between(windowStart, windowEnd).toNanos() / 1e9;
        long finishedInWindow = runs.stream().filter(r -> r.finishedAt() != null
                && !r.finishedAt().isBefore(windowStart) && r.finishedAt().isBefore(windowEnd)).count();
        long failed = runs.stream().filter(r -> !"succeeded".equals(r.state())).count();
        report.put("runsByState", byState);
        report.put("windowSeconds", windowSeconds);
        report.put("completedPerSecond", finishedInWindow / windowSeconds);
        if (delays.isEmpty()) {
            report.note("No run started: nothing to measure.");
            return;
        }
        Stats stats = new Stats(delays);
        report.put("delayMs", Map.of("p50", stats.percentile(50), "p95", stats.percentile(95), "p99",
                stats.percentile(99), "max", stats.max(), "mean", stats.mean(), "count", stats.count()));
        report.table("Fire time to run start (" + tasks + " tasks every 1 s, " + duration.toSeconds() + " s)",
                List.of("runs", "p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", "mean (ms)", "p99 target < 1000 ms"),
                List.of(Report.row(stats.count(), Report.num(stats.percentile(50), 1),
                        Report.num(stats.percentile(95), 1), Report.num(stats.percentile(99), 1),
                        Report.num(stats.max(), 1), Report.num(stats.mean(), 1),
                        stats.percentile(99) < P99_TARGET_MS ? "pass" : "FAIL")));
        report.table("Throughput and outcome", List.of("figure", "value"), List.of(
                Report.row("runs completed per second (finished inside the window)",
                        Report.num(finishedInWindow / windowSeconds, 1)),
                Report.row("window (s)", Report.num(windowSeconds, 1)),
                Report.row("expected fires at " + tasks + "/s over the window", Report.num(tasks * windowSeconds, 0)),
                Report.row("runs by state", byState.toString()),
                Report.row("runs not succeeded", failed)));
    }
}

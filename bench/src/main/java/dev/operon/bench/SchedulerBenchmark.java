package dev.operon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine throughput against bare Quartz on the same running platform: after a warm-up of each probe, alternates the
 * scheduler baseline and the engine probe, so that both see the same machine state, and compares the medians. With
 * several {@link Variant}s (for example two builds: {@code new;old:REPO=/tmp/operon-base}) each runs its own
 * platform, all launched up front, and the rounds take turns between them; the target is judged on the first.
 */
final class SchedulerBenchmark implements Benchmark {

    static final double RATIO_TARGET = 0.5;
    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(16);

    private final Workspace workspace;
    private final Options options;
    private final int size;
    private final int warmup;
    private final int rounds;
    private final List<Variant> variants;

    SchedulerBenchmark(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
        this.size = options.integer("n", 2000);
        this.warmup = options.integer("warmup", 200);
        this.rounds = options.integer("rounds", 3);
        this.variants = Variant.parse(options.text("variants", "default"), options.text("javaOpts", ""));
    }

    /** One round: the baseline, then the engine. */
    record Round(String variant, int index, double baselinePerSecond, double baselineSeconds, double baselineScheduledSeconds,
                 double enginePerSecond, double engineSeconds, double engineQueuedSeconds, long engineFailed,
                 String load) {

        double ratio() {
            return enginePerSecond / baselinePerSecond;
        }
    }

    @Override
    public Report run() throws Exception {
        Report report = new Report("scheduler", options.all());
        List<Path> dataDirs = new ArrayList<>();
        List<Platform> platforms = new ArrayList<>();
        List<Round> results = new ArrayList<>();
        try {
            for (Variant variant : variants) {
                Path dataDir = workspace.newDataDir("scheduler-" + variant.label());
                dataDirs.add(dataDir);
                Platform platform = Platform.launch(variant.repo(workspace.repo()), dataDir,
                        workspace.log("scheduler-" + variant.label()), variant.env());
                platforms.add(platform);
                platform.awaitReady(Duration.ofMinutes(3));
            }
            for (int v = 0; v < variants.size(); v++) {
                OperonClient api = platforms.get(v).client();
                JsonNode warmBaseline = baseline(api, warmup);
                JsonNode warmEngine = engine(api, warmup);
                System.err.println("bench: " + variants.get(v).label() + " warm-up baseline " + warmBaseline
                        + ", engine " + warmEngine);
            }
            for (int i = 1; i <= rounds; i++) {
                for (int v = 0; v < variants.size(); v++) {
                    OperonClient api = platforms.get(v).client();
                    JsonNode base = baseline(api, size);
                    JsonNode eng = engine(api, size);
                    Round round = new Round(variants.get(v).label(), i, base.get("perSecond").asDouble(),
                            base.get("seconds").asDouble(), base.get("scheduledSeconds").asDouble(),
                            eng.get("perSecond").asDouble(), eng.get("seconds").asDouble(),
                            eng.get("queuedSeconds").asDouble(), eng.get("failed").asLong(),
                            Machine.loadAverage().split(" ")[0]);
                    System.err.println("bench: " + round + " ratio " + Report.num(round.ratio(), 3));
                    results.add(round);
                }
            }
            for (Platform platform : platforms) {
                platform.stop(true);
            }
        } finally {
            Platform.stopAll();
            if (!options.flag("keep")) {
                for (Path dataDir : dataDirs) {
                    Workspace.delete(dataDir);
                }
            }
        }
        describe(report, results);
        return report;
    }

    private static JsonNode baseline(OperonClient api, int jobs) throws Exception {
        return api.post("/api/v1/diagnostics/scheduler-baseline?jobs=" + jobs, null, PROBE_TIMEOUT);
    }

    private static JsonNode engine(OperonClient api, int runs) throws Exception {
        return api.post("/api/v1/diagnostics/engine-throughput?runs=" + runs, null, PROBE_TIMEOUT);
    }

    private void describe(Report report, List<Round> results) {
        report.put("rounds", results);
        List<List<String>> rows = new ArrayList<>();
        for (Round r : results) {
            rows.add(Report.row(r.variant(), r.index(), Report.num(r.baselinePerSecond(), 1), Report.num(r.baselineSeconds(), 2),
                    Report.num(r.baselineScheduledSeconds(), 2), Report.num(r.enginePerSecond(), 1),
                    Report.num(r.engineSeconds(), 2), Report.num(r.engineQueuedSeconds(), 2), r.engineFailed(),
                    Report.num(r.ratio(), 3), r.load()));
        }
        report.table("Rounds (N = " + size + " each, after a warm-up of " + warmup + ")", List.of("variant", "round",
                "bare Quartz jobs/s", "baseline s", "of which scheduling s", "engine core.noop runs/s", "engine s",
                "of which requesting s", "failed runs", "engine / baseline", "load (1 min)"), rows);
        List<List<String>> summary = new ArrayList<>();
        for (Variant variant : variants) {
            List<Round> of = results.stream().filter(r -> r.variant().equals(variant.label())).toList();
            Stats baseline = new Stats(of.stream().map(Round::baselinePerSecond).toList());
            Stats engine = new Stats(of.stream().map(Round::enginePerSecond).toList());
            Stats ratios = new Stats(of.stream().map(Round::ratio).toList());
            double ratioOfMedians = engine.median() / baseline.median();
            String key = variants.size() == 1 ? "" : variant.label() + ".";
            report.put(key + "baselineMedianPerSecond", baseline.median());
            report.put(key + "engineMedianPerSecond", engine.median());
            report.put(key + "ratioOfMedians", ratioOfMedians);
            summary.add(Report.row(variant.label(), "bare Quartz jobs/s", Report.num(baseline.median(), 1),
                    Report.num(baseline.min(), 1) + "-" + Report.num(baseline.max(), 1)));
            summary.add(Report.row(variant.label(), "engine runs/s", Report.num(engine.median(), 1),
                    Report.num(engine.min(), 1) + "-" + Report.num(engine.max(), 1)));
            summary.add(Report.row(variant.label(), "ratio of medians", Report.num(ratioOfMedians, 3) + " ("
                    + (ratioOfMedians >= RATIO_TARGET ? "pass" : "FAIL") + ")", "-"));
            summary.add(Report.row(variant.label(), "per-round ratio", Report.num(ratios.median(), 3),
                    Report.num(ratios.min(), 3) + "-" + Report.num(ratios.max(), 3)));
        }
        report.table("Summary (target: engine / baseline >= " + RATIO_TARGET + ")", List.of("variant", "figure",
                "median", "min-max"), summary);
        long failed = results.stream().mapToLong(Round::engineFailed).sum();
        report.note("Failed engine runs over all rounds: " + failed + ".");
    }
}

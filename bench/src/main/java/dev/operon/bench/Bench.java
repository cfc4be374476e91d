package dev.operon.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The end-to-end harness: {@code bench/run.sh <name> [key=value ...]}, names in {@link #BENCHMARKS}. Each benchmark starts
 * the packaged platform as a child process on loopback, measures, stops it, and prints its tables; it is bounded in
 * time ({@code limit=<seconds>}) and stops everything it started however it ends.
 */
public final class Bench {

    /** How to make one benchmark, and its default time limit. */
    private record Entry(Factory factory, int limitSeconds) {
    }

    @FunctionalInterface
    private interface Factory {
        Benchmark create(Workspace workspace, Options options) throws Exception;
    }

    /** The benchmarks this harness runs, by name (run.sh runs a few more in-process harnesses of its own). */
    private static final Map<String, Entry> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("startup", new Entry(StartupBenchmark::new, 1200));
        BENCHMARKS.put("scheduler", new Entry(SchedulerBenchmark::new, 2400));
        BENCHMARKS.put("ingest", new Entry(IngestBenchmark::new, 1800));
        BENCHMARKS.put("latency", new Entry(LatencyBenchmark::new, 600));
        BENCHMARKS.put("profiles", new Entry(ProfilesBenchmark::new, 3600));
        BENCHMARKS.put("segments", new Entry(SegmentsBenchmark::new, 3600));
        BENCHMARKS.put("telco-churn", new Entry(TelcoChurnEvaluation::new, 1800));
        BENCHMARKS.put("movielens", new Entry(MovielensEvaluation::new, 7200));
        BENCHMARKS.put("banking77", new Entry(Banking77Evaluation::new, 7200));
        BENCHMARKS.put("banking77-finetune", new Entry(Banking77FineTuning::new, 36000));
        BENCHMARKS.put("console", new Entry(ConsoleBenchmark::new, 3600));
        BENCHMARKS.put("cdnow-clv", new Entry(CdnowClvEvaluation::new, 600));
        BENCHMARKS.put("nab", new Entry(NabEvaluation::new, 1800));
        BENCHMARKS.put("anomaly-speed", new Entry(AnomalySpeedBenchmark::new, 1800));
        BENCHMARKS.put("rec-serving", new Entry(RecServingBenchmark::new, 900));
        BENCHMARKS.put("cluster-load", new Entry(ClusterLoadBenchmark::new, 3600));
        BENCHMARKS.put("kafka-ingest", new Entry(KafkaIngestBenchmark::new, 1800));
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: bench/run.sh <" + String.join("|", BENCHMARKS.keySet()) + ">"
                    + " [key=value ...]");
            System.exit(2);
        }
        Options options = Options.parse(args, 1);
        Path repo = options.path("repo", Path.of("").toAbsolutePath());
        Workspace workspace = new Workspace(repo, options.path("out", repo.resolve("bench/target/results")));
        Entry entry = BENCHMARKS.get(args[0]);
        if (entry == null) {
            System.err.println("unknown benchmark '" + args[0] + "': one of "
                    + String.join(", ", BENCHMARKS.keySet()));
            System.exit(2);
            return;
        }
        Benchmark benchmark = entry.factory().create(workspace, options);
        Duration limit = options.seconds("limit", entry.limitSeconds());
        boolean keep = options.flag("keep");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Platform.stopAll();
            Workspace.cleanUp(keep);
        }, "bench-stop-platforms"));
        stopAfter(limit, keep);
        Path json = benchmark.run().finish(workspace.results());
        System.err.println("bench: results written to " + json);
        System.exit(0);
    }

    /** The harness's own time limit: past it, everything it started is stopped and it exits with 3. */
    private static void stopAfter(Duration limit, boolean keep) {
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("bench: time limit of " + limit.toSeconds() + " s reached; stopping");
            Platform.stopAll();
            Workspace.cleanUp(keep);
            Runtime.getRuntime().halt(3);
        }, "bench-time-limit");
        timer.setDaemon(true);
        timer.start();
    }
}

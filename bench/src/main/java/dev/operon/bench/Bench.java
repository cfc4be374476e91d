package dev.operon.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The end-to-end harness: {@code bench/run.sh <name> [key=value ...]}, names in {@link #NAMES}. Each benchmark starts
 * the packaged platform as a child process on loopback, measures, stops it, and prints its tables; it is bounded in
 * time ({@code limit=<seconds>}) and stops everything it started however it ends.
 */
public final class Bench {

    /** The benchmarks this harness runs (run.sh runs a few more in-process harnesses of its own). */
    static final List<String> NAMES = List.of("startup", "scheduler", "latency", "ingest",
            "profiles", "console", "telco-churn", "cdnow-clv", "movielens", "banking77", "rec-serving", "nab", "anomaly-speed");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: bench/run.sh <" + String.join("|", NAMES) + ">"
                    + " [key=value ...]");
            System.exit(2);
        }
        Options options = Options.parse(args, 1);
        Path repo = options.path("repo", Path.of("").toAbsolutePath());
        Workspace workspace = new Workspace(repo, options.path("out", repo.resolve("bench/target/results")));
        Benchmark benchmark;
        Duration limit;
        switch (args[0]) {
            case "startup" -> {
                benchmark = new StartupBenchmark(workspace, options);
                limit = options.seconds("limit", 1200);
            }
            case "scheduler" -> {
                benchmark = new SchedulerBenchmark(workspace, options);
                limit = options.seconds("limit", 2400);
            }
            case "ingest" -> {
                benchmark = new IngestBenchmark(workspace, options);
                limit = options.seconds("limit", 1800);
            }
            case "latency" -> {
                benchmark = new LatencyBenchmark(workspace, options);
                limit = options.seconds("limit", 600);
            }
            case "profiles" -> {
                benchmark = new ProfilesBenchmark(workspace, options);
                limit = options.seconds("limit", 3600);
            }
            case "telco-churn" -> {
                benchmark = new TelcoChurnEvaluation(workspace, options);
                limit = options.seconds("limit", 1800);
            }
            case "movielens" -> {
                benchmark = new MovielensEvaluation(workspace, options);
                limit = options.seconds("limit", 7200);
            }
            case "banking77" -> {
                benchmark = new Banking77Evaluation(workspace, options);
                limit = options.seconds("limit", 7200);
            }
            case "console" -> {
                benchmark = new ConsoleBenchmark(workspace, options);
                limit = options.seconds("limit", 3600);
            }
            case "cdnow-clv" -> {
                benchmark = new CdnowClvEvaluation(workspace, options);
                limit = options.seconds("limit", 600);
            }
            case "nab" -> {
                benchmark = new NabEvaluation(workspace, options);
                limit = options.seconds("limit", 1800);
            }
            case "anomaly-speed" -> {
                benchmark = new AnomalySpeedBenchmark(workspace, options);
                limit = options.seconds("limit", 1800);
            }
            case "rec-serving" -> {
                benchmark = new RecServingBenchmark(workspace, options);
                limit = options.seconds("limit", 900);
            }
            default -> {
                System.err.println("unknown benchmark '" + args[0]
                        + "': one of " + String.join(", ", NAMES));
                System.exit(2);
                return;
            }
        }
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

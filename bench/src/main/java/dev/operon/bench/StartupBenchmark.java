package dev.operon.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Start to ready: one cold start (binaries extracted and database created on the way), then warm starts (everything
 * on disk, PostgreSQL stopped between starts), then adopted starts (PostgreSQL already running on the data folder,
 * started by the harness with {@code pg_ctl} whenever it is not). Each start is timed from process launch to
 * {@code /q/health/ready} answering 200; after warm and adopted starts the platform idles, then the JVM's VmRSS and
 * the PostgreSQL processes' memory are read. With several
 * {@link Variant}s, warm and adopted starts take turns between them so that all see the same machine load; the
 * targets are judged on the first.
 */
final class StartupBenchmark implements Benchmark {

    static final double READY_TARGET_SECONDS = 6.0;
    static final double RSS_TARGET_MIB = 500.0;
    private static final Duration READY_LIMIT = Duration.ofMinutes(3);

    private final Workspace workspace;
    private final Options options;
    private final int warm;
    private final int adopted;
    private final Duration idle;
    private final List<Variant> variants;

    StartupBenchmark(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
        this.warm = options.integer("warm", 5);
        this.adopted = options.integer("adopted", 3);
        this.idle = options.seconds("idle", 30);
        this.variants = Variant.parse(options.text("variants", "default"), options.text("javaOpts", ""));
    }

    /** One start's figures; memory figures are -1 when not measured. */
    record Sample(String variant, String kind, int index, double readySeconds, double quarkusSeconds,
                  double cpuSeconds, double jitCpuSeconds, double jvmRssMib, int pgProcesses, double pgRssMib,
                  double pgPssMib, String load) {
    }

    @Override
    public Report run() throws Exception {
        Report report = new Report("startup", options.all());
        Path dataDir = workspace.newDataDir("startup");
        PostgresControl postgres = new PostgresControl(dataDir);
        List<Sample> samples = new ArrayList<>();
        try {
            samples.add(start(variants.get(0), "cold", 1, dataDir, true, Duration.ZERO));
            for (int i = 1; i <= warm; i++) {
                for (Variant variant : variants) {
                    samples.add(start(variant, "warm", i, dataDir, true, idle));
                }
            }
            for (int i = 1; i <= adopted; i++) {
                for (Variant variant : variants) {
                    // a platform may stop the server it adopted when it stops itself: start it again if so
                    if (postgres.postmasterPid().isEmpty()) {
                        postgres.start(freePort());
                    }
                    samples.add(start(variant, "adopted", i, dataDir, false, idle));
                }
            }
        } finally {
            Platform.stopAll();
            postgres.stopIfRunning();
            if (!options.flag("keep")) {
                Workspace.delete(dataDir);
            }
        }
        describe(report, samples);
        return report;
    }

    private Sample start(Variant variant, String kind, int index, Path dataDir, boolean ownsPostgres,
                         Duration idleFor) throws IOException, InterruptedException {
        Platform platform = Platform.launch(variant.repo(workspace.repo()), dataDir,
                workspace.log("startup-" + variant.label() + "-" + kind + "-" + index), variant.env());
        double ready = platform.awaitReady(READY_LIMIT).toNanos() / 1e9;
        double cpu = ProcessCpu.seconds(platform.pid());
        double jit = ProcessCpu.jitSeconds(platform.pid());
        double quarkus = platform.quarkusStartedSeconds().orElse(-1.0);
        String load = Machine.loadAverage().split(" ")[0];
        double jvmRss = -1;
        ProcessMemory.TreeMemory pg = new ProcessMemory.TreeMemory(0, -1, -1);
        if (!idleFor.isZero()) {
            Thread.sleep(idleFor.toMillis());
            long rssKib = ProcessMemory.rssKib(platform.pid());
            jvmRss = rssKib < 0 ? -1 : rssKib / 1024.0;
            if (rssKib < 0) {
                System.err.println("bench: the platform was gone before its idle memory was read (stopped from"
                        + " outside?); see " + workspace.log("startup-" + variant.label() + "-" + kind + "-" + index));
            }
            Optional<Long> postmaster = platform.postgres().postmasterPid();
            if (postmaster.isPresent()) {
                pg = ProcessMemory.ofTree(postmaster.get());
            }
        }
        platform.stop(ownsPostgres);
        boolean pgRunning = platform.postgres().postmasterPid().isPresent();
        if (ownsPostgres && pgRunning) {
            throw new IllegalStateException("PostgreSQL still runs after the platform stopped (" + kind + " " + index
                    + ")");
        }
        if (!ownsPostgres && !pgRunning) {
            System.err.println("bench: the platform stopped the PostgreSQL it had adopted (" + kind + " " + index
                    + "); it is started again before the next adopted start");
        }
        Sample sample = new Sample(variant.label(), kind, index, ready, quarkus, cpu, jit, jvmRss, pg.processes(),
                pg.rssKib() / 1024.0, pg.pssKib() / 1024.0, load);
        System.err.println("bench: " + sample);
        return sample;
    }

    private void describe(Report report, List<Sample> samples) {
        report.put("variants", variants);
        report.put("samples", samples);
        List<List<String>> rows = new ArrayList<>();
        for (Sample s : samples) {
            rows.add(Report.row(s.variant(), s.kind(), s.index(), Report.num(s.readySeconds(), 2),
                    s.quarkusSeconds() < 0 ? "-" : Report.num(s.quarkusSeconds(), 2),
                    Report.num(s.cpuSeconds(), 2), Report.num(s.jitCpuSeconds(), 2),
                    s.jvmRssMib() < 0 ? "-" : Report.num(s.jvmRssMib(), 0),
                    s.pgProcesses() == 0 ? "-" : Integer.toString(s.pgProcesses()),
                    s.pgRssMib() < 0 ? "-" : Report.num(s.pgRssMib(), 0),
                    s.pgPssMib() < 0 ? "-" : Report.num(s.pgPssMib(), 0), s.load()));
        }
        report.table("Each start", List.of("variant", "start", "#", "launch to ready (s)",
                "Quarkus 'started in' (s)", "JVM CPU to ready (s)", "of which JIT threads (s)",
                "JVM VmRSS after idle (MiB)", "PostgreSQL processes", "PostgreSQL RSS sum (MiB)",
                "PostgreSQL PSS sum (MiB)", "load (1 min)"), rows);
        List<List<String>> summary = new ArrayList<>();
        for (Variant variant : variants) {
            for (String kind : List.of("cold", "warm", "adopted")) {
                List<Sample> of = samples.stream()
                        .filter(s -> s.kind().equals(kind) && s.variant().equals(variant.label())).toList();
                if (!of.isEmpty()) {
                    summary.add(summaryRow(report, variant, kind, of, variant == variants.get(0)));
                }
            }
        }
        report.table("Summary (targets, judged on '" + variants.get(0).label() + "': median warm start to ready"
                        + " < 6 s, JVM idle RSS < 500 MiB)", List.of("variant", "start", "n", "median ready (s)",
                        "min-max (s)", "ready target", "median JVM CPU to ready (s)",
                        "JVM idle VmRSS median (min-max) MiB", "RSS target"), summary);
        report.note("Variants: " + variants + ".");
        report.note("Ready: from launching `./operon serve` to the first 200 of `/q/health/ready` (polled every 20 ms)."
                + " JVM CPU: user + system time of the JVM process at that moment (all threads; PostgreSQL not"
                + " included), less sensitive to other load than wall time."
                + " Idle memory: read " + idle.toSeconds() + " s after ready. PostgreSQL RSS counts shared buffers"
                + " once per process; PSS splits them.");
    }

    private static List<String> summaryRow(Report report, Variant variant, String kind, List<Sample> of,
                                           boolean judged) {
        Stats ready = new Stats(of.stream().map(Sample::readySeconds).toList());
        Stats cpu = new Stats(of.stream().map(Sample::cpuSeconds).toList());
        List<Double> rssValues = of.stream().map(Sample::jvmRssMib).filter(v -> v >= 0).toList();
        String readyVerdict = !judged || !kind.equals("warm") ? "-"
                : ready.median() < READY_TARGET_SECONDS ? "pass" : "FAIL";
        String rss = "-";
        String rssVerdict = "-";
        String key = variant.label() + "." + kind + ".";
        if (!rssValues.isEmpty()) {
            Stats rssStats = new Stats(rssValues);
            rss = Report.num(rssStats.median(), 0) + " (" + Report.num(rssStats.min(), 0) + "-"
                    + Report.num(rssStats.max(), 0) + ")";
            rssVerdict = !judged ? "-" : rssStats.max() < RSS_TARGET_MIB ? "pass" : "FAIL";
            report.put(key + "rssMedianMib", rssStats.median());
        }
        report.put(key + "readyMedianSeconds", ready.median());
        report.put(key + "cpuMedianSeconds", cpu.median());
        return Report.row(variant.label(), kind, of.size(), Report.num(ready.median(), 2),
                Report.num(ready.min(), 2) + "-" + Report.num(ready.max(), 2), readyVerdict,
                Report.num(cpu.median(), 2), rss, rssVerdict);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package dev.operon.bench;

import dev.operon.bench.anomaly.NabCorpus;
import dev.operon.plugins.anomaly.detect.Detectors;
import dev.operon.plugins.anomaly.detect.SeriesDetector;
import dev.operon.plugins.anomaly.model.ForecasterTrainer;
import dev.operon.plugins.anomaly.model.TrainedForecaster;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Speed of the anomaly detectors (issue 7): the default detector's points per second on one core (in process, one
 * thread, every NAB file in turn, after a warm-up round), and all NAB files end to end through
 * {@code ./operon anomaly detect DATA OUT}, JVM start included, checking that the CLI's scores equal the in-process
 * ones; and the time to train one series' forecaster (DJL, one intra-op thread as run.sh's JVM is started with the
 * platform's defaults). {@code rounds=} measured rounds (default 3), {@code data=} the NAB repository layout.
 */
final class AnomalySpeedBenchmark implements Benchmark {

    /**
     * Half a unit of the sixth decimal the CLI writes, plus binary slack: a score exactly halfway (such as cad-ose's
     * 0.0078125) is off by 5e-7 in decimal, which the parsed doubles show as 5.0000000001e-7.
     */
    private static final double WRITTEN_ROUNDING = 5e-7 + 1e-12;

    private final Workspace workspace;
    private final Options options;

    AnomalySpeedBenchmark(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
    }

    @Override
    public Report run() throws Exception {
        Path data = options.path("data", Path.of("/work/shared/data/nab"));
        int rounds = options.integer("rounds", 3);
        String detector = options.text("detector", Detectors.DEFAULT);
        Report report = new Report("anomaly-speed", options.all());
        List<NabCorpus.File> files = NabCorpus.load(data);
        int points = files.stream().mapToInt(f -> f.values().length).sum();
        report.note("Corpus: " + files.size() + " files, " + points + " points (" + data + "); detector " + detector);

        List<double[]> inProcess = new ArrayList<>();
        double[] rates = new double[rounds];
        scoreAll(files, detector, inProcess); // warm-up: JIT
        for (int r = 0; r < rounds; r++) {
            long started = System.nanoTime();
            scoreAll(files, detector, null);
            rates[r] = points / ((System.nanoTime() - started) / 1e9);
        }
        Arrays.sort(rates);
        List<List<String>> rows = new ArrayList<>();
        rows.add(Report.row("points/s, one thread, in process (median of " + rounds + ")",
                Report.num(rates[rounds / 2], 0), ">= 50000", rates[rounds / 2] >= 50_000 ? "pass" : "FAIL"));
        report.put("pointsPerSecondOneThread", rates);

        // training one series' forecaster: the engine is started once first (not counted), then each of up to 8
        // files' first 4,000 points (NAB files have 1,127-22,695) is trained on, as the forecast detector does
        ForecasterTrainer.train(files.get(0).values(), ForecasterTrainer.Settings.DEFAULTS).close();
        List<Double> trainSeconds = new ArrayList<>();
        for (int f = 0; f < files.size() && trainSeconds.size() < 8; f += 7) {
            double[] v = files.get(f).values();
            long started = System.nanoTime();
            try (TrainedForecaster trained = ForecasterTrainer.train(Arrays.copyOf(v, Math.min(v.length, 4000)),
                    ForecasterTrainer.Settings.DEFAULTS)) {
                trainSeconds.add((System.nanoTime() - started) / 1e9);
            } catch (IllegalArgumentException e) {
                report.note("not trainable: " + files.get(f).relativePath() + ": " + e.getMessage());
            }
        }
        double[] sortedTrain = trainSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        rows.add(Report.row("training one series' forecaster, s (median / max of " + sortedTrain.length + " files)",
                Report.num(sortedTrain[sortedTrain.length / 2], 2) + " / "
                        + Report.num(sortedTrain[sortedTrain.length - 1], 2), "< 5",
                sortedTrain[sortedTrain.length - 1] < 5 ? "pass" : "FAIL"));
        report.put("trainingSeconds", trainSeconds);

        Path dir = workspace.newDataDir("anomaly-speed");
        Files.deleteIfExists(workspace.log("anomaly-speed"));
        double[] walls = new double[rounds];
        double worstDifference = 0;
        for (int r = 0; r < rounds; r++) {
            Path out = dir.resolve("out-" + r);
            List<String> command = List.of(workspace.repo().resolve("operon").toString(), "anomaly", "detect",
                    data.resolve("data").toString(), out.toString(), "--detector", detector);
            long started = System.nanoTime();
            int exit = OfflineCli.run(command, dir.resolve("unused-data-dir"), workspace.log("anomaly-speed"));
            walls[r] = (System.nanoTime() - started) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException("operon anomaly detect exited with " + exit + ": see "
                        + workspace.log("anomaly-speed"));
            }
            if (r == 0) {
                worstDifference = compare(files, inProcess, out);
            }
        }
        double[] sortedWalls = walls.clone();
        Arrays.sort(sortedWalls);
        rows.add(Report.row("all NAB points end to end via ./operon anomaly detect, JVM start included, s (median of "
                + rounds + ")", Report.num(sortedWalls[rounds / 2], 2), "< 10", sortedWalls[rounds / 2] < 10
                ? "pass" : "FAIL"));
        rows.add(Report.row("largest |CLI score - in-process score| over all rows", Report.num(worstDifference, 7),
                "<= 5e-7 (6 decimals written)", worstDifference <= WRITTEN_ROUNDING ? "pass" : "FAIL"));
        report.put("endToEndSeconds", walls);
        report.put("cliVersusInProcessMaxDifference", worstDifference);
        report.table("Anomaly detection speed", List.of("measure", "value", "target", "verdict"), rows);
        report.note("Processors: " + Runtime.getRuntime().availableProcessors() + "; the CLI scores files in "
                + "parallel on all of them.");
        return report;
    }

    private static void scoreAll(List<NabCorpus.File> files, String detector, List<double[]> keep) {
        double sink = 0;
        for (NabCorpus.File file : files) {
            SeriesDetector d = Detectors.create(detector);
            long[] t = file.series().timestamps();
            double[] v = file.values();
            double[] scores = keep != null ? new double[v.length] : null;
            for (int i = 0; i < v.length; i++) {
                double s = d.score(t[i], v[i]);
                sink += s;
                if (scores != null) {
                    scores[i] = s;
                }
            }
            if (keep != null) {
                keep.add(scores);
            }
        }
        if (sink == Double.MIN_VALUE) {
            System.err.println(sink); // keeps the loop from being optimised away
        }
    }

    /** The largest difference between the CLI's written scores and the in-process ones. */
    private static double compare(List<NabCorpus.File> files, List<double[]> inProcess, Path out) throws Exception {
        double worst = 0;
        for (int f = 0; f < files.size(); f++) {
            Path written = out.resolve(files.get(f).relativePath());
            double[] expected = inProcess.get(f);
            try (BufferedReader reader = Files.newBufferedReader(written, StandardCharsets.UTF_8)) {
                String header = reader.readLine();
                if (!"timestamp,value,anomaly_score".equals(header)) {
                    throw new IllegalStateException(written + ": header " + header);
                }
                int i = 0;
                String line;
                while ((line = reader.readLine()) != null) {
                    double score = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
                    worst = Math.max(worst, Math.abs(score - expected[i++]));
                }
                if (i != expected.length) {
                    throw new IllegalStateException(written + ": " + i + " rows, expected " + expected.length);
                }
            }
        }
        return worst;
    }
}

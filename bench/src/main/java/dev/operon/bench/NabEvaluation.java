package dev.operon.bench;

import dev.operon.bench.anomaly.NabCorpus;
import dev.operon.bench.anomaly.NabProfile;
import dev.operon.bench.anomaly.NabRun;
import dev.operon.bench.anomaly.NabScorer;
import dev.operon.plugins.anomaly.detect.Detectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NAB evaluation of the anomaly detectors: every detector (or {@code detectors=a,b}) run online over all files
 * of the corpus at {@code data=} (NAB's repository layout), each scored with NAB's method under its three profiles,
 * one threshold per profile for the whole corpus. Detectors run in process, files in parallel; the same code as
 * {@code operon anomaly detect} (the {@code anomaly-speed} benchmark checks the CLI gives the same scores).
 */
final class NabEvaluation implements Benchmark {

    /** The NAB scoreboard rows quoted in issue 7 (standard, low FP, low FN). */
    static final Map<String, double[]> ANCHORS = new LinkedHashMap<>();

    static {
        ANCHORS.put("ARTime", new double[] {74.9, 65.1, 80.4});
        ANCHORS.put("Numenta HTM", new double[] {70.5, 62.6, 75.2});
        ANCHORS.put("CAD OSE", new double[] {69.9, 67.0, 73.2});
        ANCHORS.put("KNN CAD", new double[] {58.0, 43.4, 64.8});
        ANCHORS.put("Twitter ADVec", new double[] {47.1, 33.6, 53.5});
        ANCHORS.put("Windowed Gaussian", new double[] {39.6, 20.9, 47.4});
        ANCHORS.put("random", new double[] {11.0, 1.2, 19.5});
    }

    private final Options options;

    NabEvaluation(Workspace workspace, Options options) {
        this.options = options;
    }

    @Override
    public Report run() throws Exception {
        Path data = options.path("data", Path.of("/work/shared/data/nab"));
        List<String> detectors = options.text("detectors", "").isBlank() ? Detectors.names()
                : Arrays.asList(options.text("detectors", "").split(","));
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors());
        Report report = new Report("nab", options.all());
        List<NabCorpus.File> files = NabCorpus.load(data);
        List<NabProfile> profiles = NabProfile.load(data.resolve("config/profiles.json"));
        int points = files.stream().mapToInt(f -> f.values().length).sum();
        report.note("Corpus: " + files.size() + " files, " + points + " points, "
                + files.stream().mapToInt(f -> f.series().windows().size()).sum() + " windows, from " + data);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        for (String detector : detectors) {
            NabRun.DetectorResult result = NabRun.evaluate(files, profiles, detector, threads);
            List<String> row = new ArrayList<>(List.of(detector));
            Map<String, Object> perProfile = new LinkedHashMap<>();
            for (NabScorer.Result p : result.profiles()) {
                row.add(Report.num(p.normalised(), 1));
                perProfile.put(p.profile().name(), Map.of("score", p.normalised(), "threshold", p.threshold(),
                        "windowsDetected", p.truePositives(), "falsePositiveRows", p.falsePositives()));
            }
            NabScorer.Result standard = result.profiles().get(0);
            row.add(Report.num(standard.threshold(), 3));
            row.add(standard.truePositives() + " / " + standard.windows());
            row.add(Integer.toString(standard.falsePositives()));
            row.add(Report.num(result.seconds(), 1));
            rows.add(row);
            figures.put(detector, perProfile);
        }
        for (Map.Entry<String, double[]> anchor : ANCHORS.entrySet()) {
            double[] s = anchor.getValue();
            rows.add(Report.row("_" + anchor.getKey() + " (NAB scoreboard)_", s[0], s[1], s[2], "", "", "", ""));
        }
        List<String> header = new ArrayList<>(List.of("detector"));
        profiles.forEach(p -> header.add(p.name()));
        header.addAll(List.of("threshold (standard)", "windows found (standard)", "false-positive rows (standard)",
                "detect s (" + threads + " threads)"));
        report.table("NAB v1.1, " + files.size() + " files, normalised scores (null 0, perfect 100)", header, rows);
        report.note("Targets (issue 7): standard >= 75, reward low FP >= 66, reward low FN >= 81.");
        report.put("results", figures);
        return report;
    }
}

package dev.operon.bench.anomaly;

import dev.operon.plugins.anomaly.detect.Detectors;
import dev.operon.plugins.anomaly.detect.SeriesDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a detector over every file of the corpus in process (files in parallel) and scores the result. */
public final class NabRun {

    /** The three profile results of one detector. */
    public record DetectorResult(String detector, List<NabScorer.Result> profiles, double seconds) {
    }

    private NabRun() {
    }

    /** Each file's online scores under a fresh detector per file. */
    public static List<double[]> detect(List<NabCorpus.File> files, String detector, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (NabCorpus.File file : files) {
                futures.add(pool.submit(() -> {
                    SeriesDetector d = Detectors.create(detector);
                    long[] t = file.series().timestamps();
                    double[] v = file.values();
                    double[] scores = new double[v.length];
                    for (int i = 0; i < v.length; i++) {
                        scores[i] = d.score(t[i], v[i]);
                    }
                    return scores;
                }));
            }
            List<double[]> all = new ArrayList<>();
            for (Future<double[]> f : futures) {
                all.add(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs and scores one detector under every profile. */
    public static DetectorResult evaluate(List<NabCorpus.File> files, List<NabProfile> profiles, String detector,
                                          int threads) throws Exception {
        long started = System.nanoTime();
        List<double[]> scores = detect(files, detector, threads);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<NabSeries> series = files.stream().map(NabCorpus.File::series).toList();
        List<NabScorer.Result> results = new ArrayList<>();
        for (NabProfile profile : profiles) {
            results.add(NabScorer.score(series, scores, profile));
        }
        return new DetectorResult(detector, results, seconds);
    }

    private static void diagnose(List<NabCorpus.File> files, List<double[]> scores, double threshold) {
        for (int f = 0; f < files.size(); f++) {
            NabSeries s = files.get(f).series();
            int probation = NabScorer.probationaryLength(s.length());
            boolean[] inWindow = new boolean[s.length()];
            StringBuilder hits = new StringBuilder();
            for (NabSeries.Window w : s.windows()) {
                int first = -1;
                for (int i = w.first(); i <= w.last(); i++) {
                    inWindow[i] = true;
                    if (first < 0 && i >= probation && scores.get(f)[i] >= threshold) {
                        first = i;
                    }
                }
                if (first < 0) {
                    double best = 0;
                    for (int i = Math.max(w.first(), probation); i <= w.last(); i++) {
                        best = Math.max(best, scores.get(f)[i]);
                    }
                    hits.append(String.format(" miss(%.3f)", best));
                } else {
                    hits.append(String.format(" %.2f", (first - w.first()) / (double) w.width()));
                }
            }
            int early = 0;
            int late = 0;
            boolean seenWindow = false;
            for (int i = probation; i < s.length(); i++) {
                if (inWindow[i]) {
                    seenWindow = true;
                } else if (scores.get(f)[i] >= threshold) {
                    if (seenWindow) {
                        late++;
                    } else {
                        early++;
                    }
                }
            }
            System.out.printf("  %-55s rows %5d fp-before %3d fp-after %3d windows:%s%n", s.name(), s.length(), early,
                    late, hits);
        }
    }

    /** Quick look while developing: {@code NabRun <nab-root> [detector ...]}. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "/work/shared/data/nab");
        List<NabCorpus.File> files = NabCorpus.load(root);
        List<NabProfile> profiles = NabProfile.load(root.resolve("config/profiles.json"));
        List<String> detectors = args.length > 1 ? List.of(args).subList(1, args.length) : Detectors.names();
        for (String detector : detectors) {
            DetectorResult r = evaluate(files, profiles, detector, Runtime.getRuntime().availableProcessors());
            StringBuilder line = new StringBuilder(String.format("%-10s", detector));
            for (NabScorer.Result p : r.profiles()) {
                line.append(String.format("  %s %.1f (thr %.3f, tp %d, fp %d)", p.profile().name(), p.normalised(),
                        p.threshold(), p.truePositives(), p.falsePositives()));
            }
            System.out.println(line.append(String.format("  %.1fs", r.seconds())));
            if (System.getenv("NAB_DIAG") != null) {
                List<double[]> scores = detect(files, detector, 2);
                diagnose(files, scores, r.profiles().get(0).threshold());
                List<NabSeries> series = files.stream().map(NabCorpus.File::series).toList();
                for (NabScorer.Result p : r.profiles()) {
                    NabLosses.print(series, scores, p.profile(), p.threshold());
                }
            }
        }
    }
}

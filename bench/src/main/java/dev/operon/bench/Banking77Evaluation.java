package dev.operon.bench;

import dev.operon.plugins.cs.cli.CsvFile;
import dev.operon.plugins.cs.knowledge.ArticleIndex;
import dev.operon.plugins.cs.understanding.IntentModel;
import dev.operon.plugins.cs.understanding.IntentSettings;
import dev.operon.plugins.cs.understanding.IntentTrainer;
import dev.operon.plugins.cs.understanding.Language;
import dev.operon.plugins.cs.understanding.TrainingMonitor;
import dev.operon.plugins.cs.understanding.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * BANKING77 (Casanueva et al. 2020) through the offline contract exactly as an outside caller runs it:
 * {@code ./operon cs intents --train T.csv --predict P.csv --output O.csv}, on the official train split (10,003) and
 * test split (3,080), and in the 10-shot setting (10 training messages per intent drawn with a fixed seed from the
 * train split; the same test split). Accuracy is computed here from the output file. Then, in this JVM, the speed of
 * classification (one message at a time: p50/p99; batches of 32: messages/s) with a model trained on the 10-shot
 * set (the classifier's size does not depend on the training set), and the speed of exact retrieval over 10,000
 * article vectors.
 *
 * <p>Options: {@code data=} folder holding {@code train.csv} and {@code test.csv} (default
 * {@code /work/shared/data/banking77/banking_data}); {@code settings=full,10-shot} (either or both, or {@code none}
 * for the speed part alone);
 * {@code speed=false} skips the speed part; {@code latencyMessages=1000}.
 */
final class Banking77Evaluation implements Benchmark {

    static final long SEED = 20261130L;
    private static final double TARGET = 93.7;

    private final Workspace workspace;
    private final Options options;

    Banking77Evaluation(Workspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
    }

    @Override
    public Report run() throws Exception {
        Path data = options.path("data", Path.of("/work/shared/data/banking77/banking_data"));
        Report report = new Report("banking77", options.all());
        CsvFile train = CsvFile.read(data.resolve("train.csv"));
        CsvFile test = CsvFile.read(data.resolve("test.csv"));
        int trainText = train.column("text");
        int trainLabel = train.column("category");
        int testText = test.column("text");
        int testLabel = test.column("category");
        List<String[]> trainRows = new ArrayList<>();
        for (String[] r : train.records()) {
            trainRows.add(new String[] {r[trainText], r[trainLabel]});
        }
        List<String[]> testRows = new ArrayList<>();
        for (String[] r : test.records()) {
            testRows.add(new String[] {r[testText], r[testLabel]});
        }
        List<String[]> tenShot = tenShot(trainRows);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> accuracies = new LinkedHashMap<>();
        for (String setting : options.text("settings", "full,10-shot").split(",")) {
            if (setting.equals("none")) {
                continue;
            }
            List<String[]> rowsOfSetting = setting.equals("10-shot") ? tenShot : trainRows;
            Path dir = workspace.newDataDir("banking77");
            Path t = dir.resolve("train.csv");
            Path p = dir.resolve("test.csv");
            Path o = dir.resolve("output.csv");
            write(t, List.of("text", "label"), rowsOfSetting);
            write(p, List.of("text"), testRows.stream().map(r -> new String[] {r[0]}).toList());
            List<String> command = new ArrayList<>(List.of(workspace.repo().resolve("operon").toString(), "cs",
                    "intents", "--train", t.toString(), "--predict", p.toString(), "--output", o.toString()));
            if (options.all().containsKey("fineTuneEpochs")) {
                command.addAll(List.of("--fine-tune-epochs", options.text("fineTuneEpochs", "")));
            }
            Path log = workspace.log("banking77-" + setting);
            Files.deleteIfExists(log);
            String loadBefore = Machine.loadAverage();
            long started = System.nanoTime();
            int exit = OfflineCli.run(command, dir.resolve("data"), log);
            double seconds = (System.nanoTime() - started) / 1e9;
            String output = Files.readString(log);
            if (exit != 0) {
                throw new IllegalStateException("operon cs intents exited with " + exit + ":\n" + output);
            }
            CsvFile predicted = CsvFile.read(o);
            if (predicted.size() != testRows.size()) {
                throw new IllegalStateException("the output has " + predicted.size() + " rows for "
                        + testRows.size() + " messages");
            }
            int right = 0;
            for (int i = 0; i < testRows.size(); i++) {
                if (!predicted.records().get(i)[0].equals(testRows.get(i)[0])) {
                    throw new IllegalStateException("output row " + (i + 1) + " is not the test row " + (i + 1));
                }
                if (predicted.records().get(i)[1].equals(testRows.get(i)[1])) {
                    right++;
                }
            }
            double accuracy = 100.0 * right / testRows.size();
            accuracies.put(setting, accuracy);
            String anchors = setting.equals("10-shot") ? "USE+ConveRT 85.19, CPFT 87.20" : "BERT-large 93.66,"
                    + " USE+ConveRT 93.36; target 93.7";
            rows.add(Report.row(setting, rowsOfSetting.size(), testRows.size(), Report.num(accuracy, 2), anchors,
                    setting.equals("full") ? (accuracy >= TARGET ? "pass" : "FAIL") : "-", Report.num(seconds, 0),
                    loadBefore, Machine.loadAverage()));
            report.note("CLI output (" + setting + "):\n```\n" + output.lines().filter(l -> l.startsWith("intents:"))
                    .reduce("", (a, b) -> a + b + "\n") + "```");
        }
        report.table("BANKING77 accuracy (official test split, through `./operon cs intents`)",
                List.of("setting", "train rows", "test rows", "accuracy %", "anchors (Casanueva et al. 2020)",
                        "verdict", "wall s (encode + train + classify)", "load before", "load after"), rows);
        report.put("accuracy", accuracies);
        if (!options.text("speed", "true").equals("false")) {
            speed(report, tenShot, testRows);
        }
        return report;
    }

    /**
     * The speed part's model: no fine-tuning, which would only cost minutes here. Serving speed does not depend on it
     * (a fine-tuned encoder is the same ONNX graph with its initializers replaced), and the classifier over the
     * vectors costs more per message than the fine-tuning head that may be chosen instead.
     */
    private static final IntentSettings SPEED_SETTINGS = IntentSettings.DEFAULT.withFineTuneEpochs(0);

    private void speed(Report report, List<String[]> tenShot, List<String[]> testRows) {
        System.setProperty("ai.djl.offline", "true");
        String loadBefore = Machine.loadAverage();
        try (IntentModel model = IntentTrainer.trainOnTexts(tenShot.stream().map(r -> r[0]).toList(),
                tenShot.stream().map(r -> r[1]).toList(), SPEED_SETTINGS, TrainingMonitor.NONE)) {
            List<String> texts = testRows.stream().map(r -> r[0]).toList();
            model.classifyTexts(texts.subList(0, 200));
            int n = Math.min(options.integer("latencyMessages", 1000), texts.size());
            List<Double> single = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                model.classifyTexts(List.of(texts.get(i)));
                single.add((System.nanoTime() - t0) / 1e6);
            }
            Stats s = new Stats(single);
            long t0 = System.nanoTime();
            for (int start = 0; start < texts.size(); start += 32) {
                model.classifyTexts(texts.subList(start, Math.min(texts.size(), start + 32)));
            }
            double perSecond = texts.size() / ((System.nanoTime() - t0) / 1e9);
            report.table("Classification speed (this JVM, " + Runtime.getRuntime().availableProcessors()
                            + " cores; the encoder runs small batches side by side, one ONNX Runtime thread each;"
                            + " encode + classify, PII masking excluded)",
                    List.of("messages", "p50 ms (one at a time)", "p99 ms (one at a time)", "target p99",
                            "messages/s (batches of 32)", "target", "load before", "load after"),
                    List.of(Report.row(n, Report.num(s.percentile(50), 1), Report.num(s.percentile(99), 1),
                            "< 15 ms", Report.num(perSecond, 0), ">= 200/s", loadBefore, Machine.loadAverage())));
            report.put("latencyP50Ms", s.percentile(50));
            report.put("latencyP99Ms", s.percentile(99));
            report.put("messagesPerSecond", perSecond);
        }
        Random random = new Random(SEED);
        List<ArticleIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            entries.add(new ArticleIndex.Entry(i, "a" + i, null, Language.ENGLISH, randomUnit(random, 384)));
        }
        ArticleIndex index = new ArticleIndex(entries, "bench");
        for (int i = 0; i < 200; i++) {
            index.search(randomUnit(random, 384), Language.ENGLISH, 5, null, 0);
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            float[] q = randomUnit(random, 384);
            long t0 = System.nanoTime();
            index.search(q, Language.ENGLISH, 5, null, 0);
            times.add((System.nanoTime() - t0) / 1e6);
        }
        Stats r = new Stats(times);
        report.table("Exact retrieval over 10,000 article vectors (384 dims, top 5, in the JVM)",
                List.of("queries", "p50 ms", "p99 ms", "target"),
                List.of(Report.row(times.size(), Report.num(r.percentile(50), 2), Report.num(r.percentile(99), 2),
                        "< 10 ms")));
        report.put("retrievalP99Ms", r.percentile(99));
    }

    private static float[] randomUnit(Random random, int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
        }
        Vectors.normalise(v);
        return v;
    }

    /** 10 rows per intent: each intent's rows in file order, shuffled with one seeded Random, the first 10. */
    static List<String[]> tenShot(List<String[]> rows) {
        Map<String, List<String[]>> byLabel = new java.util.TreeMap<>();
        for (String[] r : rows) {
            byLabel.computeIfAbsent(r[1], k -> new ArrayList<>()).add(r);
        }
        Random random = new Random(SEED);
        List<String[]> out = new ArrayList<>();
        for (List<String[]> group : byLabel.values()) {
            Collections.shuffle(group, random);
            out.addAll(group.subList(0, Math.min(10, group.size())));
        }
        return out;
    }

    private static void write(Path file, List<String> header, List<String[]> rows) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", header)).append("\r\n");
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                String f = row[i];
                boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
                text.append(i > 0 ? "," : "").append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
            }
            text.append("\r\n");
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

package dev.operon.bench;

import dev.operon.plugins.cs.cli.CsvFile;
import dev.operon.plugins.cs.understanding.FineTunedEncoder;
import dev.operon.plugins.cs.understanding.IntentModel;
import dev.operon.plugins.cs.understanding.IntentPrediction;
import dev.operon.plugins.cs.understanding.MessageEncoder;
import dev.operon.plugins.cs.understanding.PiiRedactor;
import dev.operon.plugins.cs.understanding.SentenceEncoder;
import dev.operon.plugins.cs.understanding.IntentSettings;
import dev.operon.plugins.cs.understanding.IntentTrainer;
import dev.operon.plugins.cs.understanding.TrainingMonitor;
import dev.operon.plugins.cs.understanding.minilm.EncoderFineTuner;
import dev.operon.plugins.cs.understanding.minilm.FineTunedClassifier;
import dev.operon.plugins.cs.understanding.minilm.FineTunedWeights;
import dev.operon.plugins.cs.understanding.minilm.MiniLmTokens;
import dev.operon.plugins.cs.understanding.minilm.OnnxInitializers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BANKING77 with all-MiniLM-L6-v2 fine-tuned end to end in DJL (PyTorch engine) with a linear head
 * ({@link EncoderFineTuner}, its default settings), in this JVM: per setting (10-shot as {@link Banking77Evaluation}
 * draws it, and/or the full train split) the time of each epoch, the validation accuracy of each epoch (a stratified
 * 10% of the training rows; the test split is never seen) and the official test split's accuracy with the best
 * epoch's weights. Then classification latency one message at a time, in the same run: the fine-tuned encoder in the
 * PyTorch engine against the ONNX encoder (ONNX Runtime) with the frozen-feature classifier trained on the 10-shot
 * set.
 *
 * <p>Options: {@code data=}, {@code settings=10-shot,full}, {@code epochs=} (default: the settings' own),
 * {@code threads=} PyTorch intra-op threads (default: the cores), {@code latencyMessages=500}, {@code speed=true};
 * {@code latencyOnly=true} measures only the latency, with the pretrained weights and a new head (a message costs the
 * same whatever the weights' values) against a frozen-feature classifier trained on 2 messages per intent.
 * Each epoch that improves the validation accuracy writes its weights to {@code checkpoints=} (default
 * {@code bench/target/checkpoints}) as {@code banking77-<setting>-finetuned.f16}; {@code weights=<file>} skips
 * fine-tuning and measures what training and the offline command serve over such weights (see {@code pipeline}).
 */
final class Banking77FineTuning implements Benchmark {

    private final Options options;

    Banking77FineTuning(Workspace workspace, Options options) {
        this.options = options;
    }

    @Override
    public Report run() throws Exception {
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors());
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
        Path data = options.path("data", Path.of("/work/shared/data/banking77/banking_data"));
        Report report = new Report("banking77-finetune", options.all());
        List<String[]> trainRows = rows(CsvFile.read(data.resolve("train.csv")));
        List<String[]> testRows = rows(CsvFile.read(data.resolve("test.csv")));
        List<String[]> tenShot = Banking77Evaluation.tenShot(trainRows);
        List<String> testTexts = testRows.stream().map(r -> r[0]).toList();
        EncoderFineTuner.Settings settings = EncoderFineTuner.Settings.DEFAULT;
        if (options.text("epochs", null) != null) {
            settings = settings.withEpochs(options.integer("epochs", settings.epochs()));
        }
        Path cache = ai.djl.util.Utils.getCacheDir().resolve("operon-cs");
        Path checkpoints = options.path("checkpoints", Path.of(options.text("repo", "."), "bench", "target",
                "checkpoints"));
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> accuracies = new LinkedHashMap<>();
        FineTunedClassifier kept = null;
        try (MiniLmTokens tokens = MiniLmTokens.open(cache, settings.maxTokens())) {
            if (options.text("weights", null) != null) {
                pipeline(report, Path.of(options.text("weights", null)), trainRows, testRows);
                return report;
            }
            if (options.flag("latencyOnly")) {
                // the cost of a message does not depend on the weights' values: the pretrained encoder with a new
                // head stands for a fine-tuned one; the frozen-feature classifier is trained for one epoch only
                List<String> labels = tenShot.stream().map(r -> r[1]).distinct().sorted().toList();
                try (FineTunedClassifier same = new FineTunedClassifier(tokens, tokens.pretrainedWeights(), labels)) {
                    List<String[]> twoShot = new ArrayList<>();
                    for (int i = 0; i < tenShot.size(); i += 5) {
                        twoShot.add(tenShot.get(i));
                    }
                    latency(report, same, twoShot, IntentSettings.DEFAULT.withEpochs(1), testTexts);
                }
                return report;
            }
            for (String setting : options.text("settings", "10-shot,full").split(",")) {
                List<String[]> train = setting.equals("10-shot") ? tenShot : trainRows;
                String loadBefore = Machine.loadAverage();
                long started = System.nanoTime();
                Map<String, OnnxInitializers.Tensor> pretrained = tokens.pretrainedWeights();
                List<String> epochLines = new ArrayList<>();
                EncoderFineTuner.Result result = EncoderFineTuner.fineTune(tokens, pretrained,
                        train.stream().map(r -> r[0]).toList(), train.stream().map(r -> r[1]).toList(), settings,
                        new EncoderFineTuner.Progress() {
                            private final long begun = System.nanoTime();

                            @Override
                            public void epoch(int epoch, double loss, double accuracy, double seconds) {
                                String line = String.format(java.util.Locale.ROOT,
                                        "%s epoch %d: loss %.4f, validation accuracy %.4f, %.0f s, load %s",
                                        setting, epoch, loss, accuracy, seconds, Machine.loadAverage());
                                System.err.println("banking77-finetune: " + line);
                                epochLines.add(line);
                            }

                            @Override
                            public void skipped(int epoch, int step, String why) {
                                System.err.println("banking77-finetune: " + setting + " epoch " + epoch + " step "
                                        + step + " skipped: " + why);
                            }

                            @Override
                            public void improved(int epoch, Map<String, OnnxInitializers.Tensor> weights) {
                                Path file = checkpoints.resolve("banking77-" + setting + "-finetuned.f16");
                                try {
                                    java.nio.file.Files.createDirectories(checkpoints);
                                    FineTunedWeights.write(weights, file);
                                    System.err.println("banking77-finetune: epoch " + epoch + " weights in " + file);
                                } catch (java.io.IOException e) {
                                    System.err.println("banking77-finetune: could not keep the weights: " + e);
                                }
                            }

                            @Override
                            public void step(int epoch, int step, int steps, double loss) {
                                if (step % 5 == 0 || step == steps) {
                                    System.err.printf(java.util.Locale.ROOT,
                                            "banking77-finetune: %s epoch %d step %d/%d loss %.4f, %.0f s%n",
                                            setting, epoch, step, steps, loss, (System.nanoTime() - begun) / 1e9);
                                }
                            }
                        });
                pretrained = null;
                double trainSeconds = (System.nanoTime() - started) / 1e9;
                FineTunedClassifier classifier = new FineTunedClassifier(tokens, result.weights(), result.classes());
                long classifyStart = System.nanoTime();
                float[][] p = classifier.probabilities(testTexts);
                double classifySeconds = (System.nanoTime() - classifyStart) / 1e9;
                int right = 0;
                for (int i = 0; i < p.length; i++) {
                    int top = 0;
                    for (int c = 1; c < p[i].length; c++) {
                        if (p[i][c] > p[i][top]) {
                            top = c;
                        }
                    }
                    if (result.classes().get(top).equals(testRows.get(i)[1])) {
                        right++;
                    }
                }
                double accuracy = 100.0 * right / testRows.size();
                accuracies.put(setting, accuracy);
                System.err.printf("banking77-finetune: %s test accuracy %.2f (%d steps skipped: loss or gradients not"
                        + " finite)%n", setting, accuracy, result.skippedSteps());
                rows.add(Report.row(setting, train.size(), testRows.size(), Report.num(accuracy, 2),
                        Report.num(result.validationAccuracy() * 100, 2), result.bestEpoch() + " of "
                                + result.epochSeconds().size(),
                        String.join(", ", result.epochSeconds().stream().map(s -> Report.num(s, 0)).toList()),
                        Report.num(trainSeconds, 0), Report.num(classifySeconds, 1), loadBefore,
                        Machine.loadAverage()));
                report.note("Epochs (" + setting + "):\n```\n" + String.join("\n", epochLines) + "\n```");
                if (kept != null) {
                    kept.close();
                }
                kept = classifier;
            }
            report.table("BANKING77, encoder fine-tuned in DJL (" + settings + ", " + threads + " PyTorch threads)",
                    List.of("setting", "train rows", "test rows", "test accuracy %", "validation accuracy %",
                            "best epoch", "epoch s", "fine-tune wall s", "classify 3,080 s", "load before",
                            "load after"), rows);
            report.put("accuracy", accuracies);
            if (kept != null && !options.text("speed", "true").equals("false")) {
                latency(report, kept, tenShot, IntentSettings.DEFAULT, testTexts);
            }
        } finally {
            if (kept != null) {
                kept.close();
            }
        }
        return report;
    }

    /**
     * What {@code cs.intent-train} and the offline command do with a fine-tuned encoder, from its saved weights: the
     * weights written into the ONNX graph and served by ONNX Runtime ({@link FineTunedEncoder}), the standard
     * classifier ({@link IntentSettings#DEFAULT}: 10 % held out, then refitted on everything) fitted over its vectors
     * of the full train split, then the test split classified. With {@code compare=true} the same over the
     * pretrained encoder, and one-message latency of both encoders, interleaved.
     */
    private void pipeline(Report report, Path weights, List<String[]> trainRows, List<String[]> testRows) {
        List<String> trainTexts = PiiRedactor.redactAll(trainRows.stream().map(r -> r[0]).toList());
        List<String> trainLabels = trainRows.stream().map(r -> r[1]).toList();
        List<String> testTexts = PiiRedactor.redactAll(testRows.stream().map(r -> r[0]).toList());
        FineTunedEncoder tuned = FineTunedEncoder.load(weights);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> accuracies = new LinkedHashMap<>();
        boolean compare = options.flag("compare");
        for (boolean fineTuned : compare ? List.of(true, false) : List.of(true)) {
            String loadBefore = Machine.loadAverage();
            long started = System.nanoTime();
            SentenceEncoder encoder = fineTuned ? tuned.encoder()
                    : MessageEncoder.shared().encoder(dev.operon.plugins.cs.understanding.Language.ENGLISH);
            float[][] train = encoder.encode(trainTexts).toArray(new float[0][]);
            double encodeSeconds = (System.nanoTime() - started) / 1e9;
            try (IntentModel model = IntentTrainer.train(train, trainLabels, IntentSettings.DEFAULT.withFineTune(null),
                    TrainingMonitor.NONE)) {
                double trainSeconds = (System.nanoTime() - started) / 1e9 - encodeSeconds;
                float[][] test = encoder.encode(testTexts).toArray(new float[0][]);
                List<IntentPrediction> predicted = model.classify(test);
                int right = 0;
                for (int i = 0; i < predicted.size(); i++) {
                    if (predicted.get(i).label().equals(testRows.get(i)[1])) {
                        right++;
                    }
                }
                double accuracy = 100.0 * right / testRows.size();
                String name = fineTuned ? "fine-tuned encoder (" + weights.getFileName() + ")" : "pretrained encoder";
                accuracies.put(name, accuracy);
                System.err.printf(java.util.Locale.ROOT, "banking77-finetune: %s: validation %.4f, test %.2f%n", name,
                        model.validation().accuracy(), accuracy);
                rows.add(Report.row(name, trainRows.size(), testRows.size(), Report.num(accuracy, 2),
                        Report.num(model.validation().accuracy() * 100, 2), model.validation().rows(),
                        Report.num(encodeSeconds, 0), Report.num(trainSeconds, 0), loadBefore,
                        Machine.loadAverage()));
            }
        }
        report.table("BANKING77 full split, standard classifier (IntentSettings.DEFAULT) over the encoder, ONNX Runtime",
                List.of("encoder", "train rows", "test rows", "test accuracy %", "validation accuracy %",
                        "validation rows", "encode train s", "fit s", "load before", "load after"), rows);
        report.put("accuracy", accuracies);
        if (compare) {
            SentenceEncoder pretrained = MessageEncoder.shared().encoder(
                    dev.operon.plugins.cs.understanding.Language.ENGLISH);
            int n = Math.min(options.integer("latencyMessages", 500), testTexts.size());
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            String loadBefore = Machine.loadAverage();
            for (int i = 0; i < n; i++) {
                List<String> one = List.of(testTexts.get(i));
                long t0 = System.nanoTime();
                pretrained.encode(one);
                long t1 = System.nanoTime();
                tuned.encoder().encode(one);
                long t2 = System.nanoTime();
                a.add((t1 - t0) / 1e6);
                b.add((t2 - t1) / 1e6);
            }
            Stats sa = new Stats(a);
            Stats sb = new Stats(b);
            report.table("Encoding one message at a time, interleaved (" + n + " test messages), ONNX Runtime",
                    List.of("encoder", "p50 ms", "p99 ms", "load before", "load after"),
                    List.of(Report.row("pretrained", Report.num(sa.percentile(50), 2), Report.num(sa.percentile(99), 2),
                                    loadBefore, Machine.loadAverage()),
                            Report.row("fine-tuned (patched graph)", Report.num(sb.percentile(50), 2),
                                    Report.num(sb.percentile(99), 2), loadBefore, Machine.loadAverage())));
        }
    }

    private void latency(Report report, FineTunedClassifier fineTuned, List<String[]> onnxTraining,
                         IntentSettings onnxSettings, List<String> texts) {
        String loadBefore = Machine.loadAverage();
        int n = Math.min(options.integer("latencyMessages", 500), texts.size());
        try (IntentModel onnx = IntentTrainer.trainOnTexts(onnxTraining.stream().map(r -> r[0]).toList(),
                onnxTraining.stream().map(r -> r[1]).toList(), onnxSettings, TrainingMonitor.NONE)) {
            onnx.classifyTexts(texts.subList(0, 100));
            fineTuned.probabilities(texts.subList(0, 100));
            List<Double> onnxTimes = new ArrayList<>();
            List<Double> torchTimes = new ArrayList<>();
            // interleaved, so both see the same load
            for (int i = 0; i < n; i++) {
                List<String> one = List.of(texts.get(i));
                long t0 = System.nanoTime();
                onnx.classifyTexts(one);
                long t1 = System.nanoTime();
                fineTuned.probabilities(one);
                long t2 = System.nanoTime();
                onnxTimes.add((t1 - t0) / 1e6);
                torchTimes.add((t2 - t1) / 1e6);
            }
            Stats o = new Stats(onnxTimes);
            Stats t = new Stats(torchTimes);
            String end = Machine.loadAverage();
            report.table("Classification one message at a time, same run, interleaved (" + n + " test messages)",
                    List.of("path", "p50 ms", "p99 ms", "target p99", "load before", "load after"),
                    List.of(Report.row("ONNX encoder (ONNX Runtime) + frozen-feature classifier",
                                    Report.num(o.percentile(50), 1), Report.num(o.percentile(99), 1), "< 15 ms",
                                    loadBefore, end),
                            Report.row("fine-tuned encoder + head (DJL PyTorch engine)",
                                    Report.num(t.percentile(50), 1), Report.num(t.percentile(99), 1), "< 15 ms",
                                    loadBefore, end)));
            report.put("onnxP99Ms", o.percentile(99));
            report.put("pytorchP99Ms", t.percentile(99));
        }
    }

    private static List<String[]> rows(CsvFile file) {
        int text = file.column("text");
        int label = file.column("category");
        List<String[]> out = new ArrayList<>();
        for (String[] r : file.records()) {
            out.add(new String[] {r[text], r[label]});
        }
        return out;
    }
}

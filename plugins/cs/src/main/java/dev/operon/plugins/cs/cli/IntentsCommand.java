package dev.operon.plugins.cs.cli;

import dev.operon.plugins.cs.understanding.IntentModel;
import dev.operon.plugins.cs.understanding.IntentPrediction;
import dev.operon.plugins.cs.understanding.IntentSettings;
import dev.operon.plugins.cs.understanding.IntentTrainer;
import dev.operon.plugins.cs.understanding.MessageEncoder;
import dev.operon.plugins.cs.understanding.PiiRedactor;
import dev.operon.plugins.cs.understanding.ScorerChoice;
import dev.operon.plugins.cs.understanding.TrainingMonitor;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.cli.OutputFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code operon cs intents --train T.csv --predict P.csv --output O.csv}: trains the intent classifier on T
 * ({@code text,label}) and writes {@code text,label,confidence} for every row of P ({@code text}) in order. A training
 * label {@code oos} means out of scope. One configuration ({@link IntentSettings#DEFAULT}) for every data set; only
 * the encoder fine-tuning can be turned down ({@code --fine-tune-epochs}), for a quick run.
 */
public final class IntentsCommand implements OfflineCommand {

    /** Longest message accepted, in characters. */
    public static final int MAX_TEXT = 4000;

    private static final int SKIPPED_STEPS_SHOWN = 5;

    private static final String USAGE = """
            usage: operon cs intents --train T.csv --predict P.csv --output O.csv [--fine-tune-epochs N]

            Trains the intent classifier on T and classifies every message of P.
              --train T.csv     UTF-8 CSV with the header text,label (more columns are ignored);
                                the label 'oos' marks messages that fit no intent
              --predict P.csv   UTF-8 CSV with a column text
              --output O.csv    written with the header text,label,confidence, one row per row of P, in order
              --fine-tune-epochs N  epochs of fine-tuning of the English encoder, 0 for none (default %d); the
                                fine-tuned encoder is used only when it beats the pretrained one on validation
            Messages are encoded by all-MiniLM-L6-v2 (English) or bge-small-zh-v1.5 (Chinese, chosen per message);
            e-mail addresses, phone and card numbers are masked before encoding. Exit codes: 0 done, 2 bad usage or
            bad input (file and line named), 5 unexpected error.
            """.formatted(IntentSettings.DEFAULT_FINE_TUNE_EPOCHS);

    @Override
    public String name() {
        return "intents";
    }

    @Override
    public String description() {
        return "train the intent classifier on a labelled CSV and classify another";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Map<String, Path> files;
        int fineTuneEpochs;
        try {
            files = options(args);
            fineTuneEpochs = fineTuneEpochs(args);
        } catch (IllegalArgumentException e) {
            err.println("cs intents: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        List<String> trainTexts = new ArrayList<>();
        List<String> trainLabels = new ArrayList<>();
        List<String> predictTexts;
        try {
            CsvFile train = CsvFile.read(files.get("train"));
            int text = train.column("text");
            int label = train.column("label");
            for (int r = 0; r < train.size(); r++) {
                String t = checkedText(train, r, text);
                String l = train.records().get(r)[label].strip();
                if (l.isEmpty()) {
                    throw new CsvFormatException(train.file(), train.lines()[r], "has an empty label");
                }
                trainTexts.add(t);
                trainLabels.add(l);
            }
            if (new HashSet<>(trainLabels).size() < 2) {
                throw new CsvFormatException(train.file(), 0, "needs at least two different labels, has "
                        + new HashSet<>(trainLabels));
            }
            CsvFile predict = CsvFile.read(files.get("predict"));
            int column = predict.column("text");
            predictTexts = new ArrayList<>(predict.size());
            for (int r = 0; r < predict.size(); r++) {
                predictTexts.add(checkedText(predict, r, column));
            }
        } catch (CsvFormatException e) {
            err.println("cs intents: " + e.getMessage());
            return 2;
        }
        Path output = files.get("output").toAbsolutePath();
        if (output.getParent() != null && !Files.isDirectory(output.getParent())) {
            err.println("cs intents: the folder of --output does not exist: " + output.getParent());
            return 2;
        }

        long started = System.nanoTime();
        Set<String> labels = new HashSet<>(trainLabels);
        try (IntentModel model = IntentTrainer.trainOnTexts(PiiRedactor.redactAll(trainTexts), trainLabels,
                IntentSettings.DEFAULT.withFineTuneEpochs(fineTuneEpochs), progress(err))) {
            long trained = System.nanoTime();
            IntentModel.Validation v = model.validation();
            out.printf(Locale.ROOT, "intents: encoded and trained on %d messages, %d labels%s, encoders %s, in %.1f s;"
                            + " validation (%d held-out messages) accuracy %.4f, out-of-scope threshold %.3f%n",
                    trainTexts.size(), labels.size(), labels.contains(IntentModel.OUT_OF_SCOPE) ? " (with oos)" : "",
                    MessageEncoder.layoutCode(model.layout()), (trained - started) / 1e9, v.rows(), v.accuracy(),
                    model.threshold());
            if (v.scorers() != null) {
                out.printf(Locale.ROOT, "intents: scorer %s, chosen by validation accuracy among %s%n",
                        model.scorer().id(), describe(v.scorers()));
            }
            IntentModel.FineTuning tuning = model.fineTuning();
            if (tuning != null) {
                out.printf(Locale.ROOT, "intents: English encoder fine-tuned for %d epochs (best %d, its head's"
                                + " validation accuracy in training %.4f); validation accuracy over it %.4f, over the"
                                + " pretrained encoder %.4f (classifier): %s%n", tuning.encoderEpochs(), tuning.bestEpoch(),
                        tuning.headValidationAccuracy(), tuning.fineTunedAccuracy(), tuning.pretrainedAccuracy(),
                        tuning.used() ? "the fine-tuned encoder is used" : "the pretrained encoder is used");
            }
            List<IntentPrediction> predictions = model.classifyTexts(PiiRedactor.redactAll(predictTexts));
            write(output, predictTexts, predictions);
            out.printf(Locale.ROOT, "intents: classified %d messages in %.1f s; wrote %s%n", predictTexts.size(),
                    (System.nanoTime() - trained) / 1e9, output);
        }
        return 0;
    }

    private static String describe(ScorerChoice choice) {
        StringBuilder text = new StringBuilder();
        choice.accuracies().forEach((scorer, accuracy) -> text.append(text.isEmpty() ? "" : ", ")
                .append(scorer.id()).append(' ').append(String.format(Locale.ROOT, "%.4f", accuracy)));
        return text.toString();
    }

    /** Fine-tuning is long: each of its epochs is reported on the error stream, as it ends. */
    private static TrainingMonitor progress(PrintStream err) {
        return new TrainingMonitor() {
            @Override
            public void epoch(String phase, int epoch, int epochs, double loss) {
            }

            private int skipped;

            @Override
            public void fineTuneSkipped(int epoch, int step, String why) {
                // the first few name their cause; the count is in the epoch's line
                if (skipped++ < SKIPPED_STEPS_SHOWN) {
                    err.printf(Locale.ROOT, "intents: encoder fine-tuning epoch %d step %d skipped: %s%n", epoch,
                            step, why.length() > 300 ? why.substring(0, 300) + "..." : why);
                }
            }

            @Override
            public void fineTuneEpoch(int epoch, int epochs, double loss, double accuracy, double seconds) {
                err.printf(Locale.ROOT, "intents: encoder fine-tuning epoch %d of %d: loss %.4f, held-out accuracy"
                        + " %.4f, %.0f s, %d steps skipped so far%n", epoch, epochs, loss, accuracy, seconds, skipped);
            }
        };
    }

    private static int fineTuneEpochs(List<String> args) {
        int at = args.indexOf("--fine-tune-epochs");
        if (at < 0) {
            return IntentSettings.DEFAULT_FINE_TUNE_EPOCHS;
        }
        try {
            int value = Integer.parseInt(args.get(at + 1));
            if (value < 0 || value > 20) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fine-tune-epochs needs a whole number from 0 to 20");
        }
    }

    private static String checkedText(CsvFile file, int row, int column) {
        String text = file.records().get(row)[column];
        if (text.isBlank()) {
            throw new CsvFormatException(file.file(), file.lines()[row], "has an empty text");
        }
        if (text.length() > MAX_TEXT) {
            throw new CsvFormatException(file.file(), file.lines()[row], "has a text of " + text.length()
                    + " characters, at most " + MAX_TEXT + " are accepted");
        }
        return text;
    }

    private static void write(Path output, List<String> texts, List<IntentPrediction> predictions) throws IOException {
        OutputFile.write(output, writer -> {
            CsvWriter csv = new CsvWriter(writer);
            csv.write("text", "label", "confidence");
            for (int i = 0; i < texts.size(); i++) {
                IntentPrediction p = predictions.get(i);
                csv.write(texts.get(i), p.label(), String.format(Locale.ROOT, "%.4f", p.confidence()));
            }
        });
    }

    private static Map<String, Path> options(List<String> args) {
        java.util.LinkedHashMap<String, Path> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--fine-tune-epochs")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(arg + " needs a number");
                }
                if (args.indexOf(arg) != i) {
                    throw new IllegalArgumentException(arg + " is given twice");
                }
                i++;
                continue;
            }
            String name = switch (arg) {
                case "--train" -> "train";
                case "--predict" -> "predict";
                case "--output" -> "output";
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            };
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(arg + " needs a file");
            }
            if (files.put(name, Path.of(args.get(++i))) != null) {
                throw new IllegalArgumentException(arg + " is given twice");
            }
        }
        for (String name : List.of("train", "predict", "output")) {
            if (!files.containsKey(name)) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
        }
        return files;
    }
}

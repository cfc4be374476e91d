package dev.operon.plugins.behaviour.cli;

import dev.operon.plugins.behaviour.churn.ChurnModel;
import dev.operon.plugins.behaviour.churn.Contribution;
import dev.operon.plugins.behaviour.churn.FeatureEncoder;
import dev.operon.plugins.behaviour.churn.Labels;
import dev.operon.plugins.behaviour.churn.TrainingSettings;
import dev.operon.sdk.cli.OfflineCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code operon behaviour churn}: trains the churn model on a labelled CSV file and scores another one. A stable
 * contract (external evaluations call it): options, formats and the meaning of the score do not change.
 */
public final class ChurnCommand implements OfflineCommand {

    private static final Set<String> OPTIONS = Set.of("train", "label", "id", "score", "output", "positive", "seed",
            "top");
    private static final Set<String> FLAGS = Set.of("explain");

    @Override
    public String name() {
        return "churn";
    }

    @Override
    public String description() {
        return "Train a churn model on a labelled CSV, write each row's churn probability";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "Usage: operon behaviour churn --train T.csv --label COL --id COL --score S.csv --output O.csv",
                "                              [--explain] [--top N] [--positive VALUE] [--seed N]",
                "",
                "Trains the churn model on T and writes 'id,score' for every row of S, in S's order, where score is",
                "the probability of the positive label.",
                "",
                "  --train T.csv     labelled rows; every column except --label and --id is a feature (numbers and",
                "                    categories are told apart automatically; blanks, NA and null are missing)",
                "  --label COL       the label column of T: yes/no, true/false, 1/0, y/n, t/f (any case); rows with a",
                "                    blank label are left out of training",
                "  --id COL          the id column of S (and of T, if there), copied to the output, never a feature",
                "  --score S.csv     rows to score; the label column may be present (it is ignored)",
                "  --output O.csv    written with a header 'id,score' (with --explain also 'top_features')",
                "  --explain         add 'top_features': the columns that moved each score most, as",
                "                    'column=value:+0.123; ...' (score change against the training average)",
                "  --top N           how many columns --explain lists (default 3)",
                "  --positive VALUE  the label value meaning positive, when it is not yes/true/1/y/t (every other value",
                "                    is then negative)",
                "  --seed N          seed of folds, shuffling and initialisation (default 42); same input, same",
                "                    output",
                "",
                "CSV: comma-separated (semicolon or tab when the header has no comma), UTF-8 with or without BOM,",
                "quoted fields may hold commas, quotes (doubled) and line breaks; LF or CRLF.",
                "Exit codes: 0 done, 2 bad usage or input (the message names file and line), 1 failed, 5 error.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandArgs options;
        try {
            options = CommandArgs.parse(args, OPTIONS, FLAGS);
            Path train = options.path("train");
            String label = options.require("label");
            String id = options.require("id");
            Path score = options.path("score");
            Path output = options.path("output");
            int top = options.integer("top", 3, 1, 1000);
            int seed = options.integer("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return run(new Request(train, label, id, score, output, options.flag("explain"), top,
                    options.get("positive", null), seed), out, err);
        } catch (UsageException e) {
            err.println("operon behaviour churn: " + e.getMessage());
            err.println("Try 'operon behaviour churn --help'.");
            return 2;
        } catch (CsvFormatException e) {
            err.println("operon behaviour churn: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("operon behaviour churn: cannot read or write a file: " + e.getMessage());
            return 1;
        }
    }

    record Request(Path train, String label, String id, Path score, Path output, boolean explain, int top,
                   String positive, int seed) {
    }

    private int run(Request request, PrintStream out, PrintStream err) throws IOException, CsvFormatException {
        long started = System.nanoTime();
        singleThreadedTorch();
        CsvTable train = CsvTable.read(request.train);
        int labelColumn = train.requireColumn(request.label, "--label");
        int idColumn = train.column(request.id);
        List<String> features = new ArrayList<>();
        List<Integer> featureColumns = new ArrayList<>();
        for (int c = 0; c < train.header().size(); c++) {
            if (c != labelColumn && c != idColumn) {
                features.add(train.header().get(c));
                featureColumns.add(c);
            }
        }
        Labels labels = new Labels(request.positive);
        List<Integer> labelled = new ArrayList<>();
        List<Boolean> values = new ArrayList<>();
        for (int r = 0; r < train.size(); r++) {
            Boolean value;
            try {
                value = labels.parse(train.row(r)[labelColumn]);
            } catch (IllegalArgumentException e) {
                throw new CsvFormatException(train.source() + ":" + train.line(r) + ": column '" + request.label
                        + "': " + e.getMessage());
            }
            if (value != null) {
                labelled.add(r);
                values.add(value);
            }
        }
        if (labelled.size() < train.size()) {
            err.println("churn: " + (train.size() - labelled.size()) + " training rows without a label left out");
        }
        String[][] columns = new String[features.size()][labelled.size()];
        for (int f = 0; f < features.size(); f++) {
            int c = featureColumns.get(f);
            for (int i = 0; i < labelled.size(); i++) {
                columns[f][i] = train.row(labelled.get(i))[c];
            }
        }
        boolean[] y = new boolean[values.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = values.get(i);
        }
        FeatureEncoder encoder = FeatureEncoder.fit(features, columns);
        float[][] x = new float[labelled.size()][];
        String[] row = new String[features.size()];
        for (int i = 0; i < x.length; i++) {
            for (int f = 0; f < features.size(); f++) {
                row[f] = columns[f][i];
            }
            x[i] = encoder.encode(encoder.align(features, row));
        }
        List<String> dropped = features.stream().filter(f -> !encoder.columns().contains(f)).toList();
        err.println("churn: training on " + x.length + " rows, " + encoder
                + (dropped.isEmpty() ? "" : "; left out (empty or constant): " + dropped));

        CsvTable score = CsvTable.read(request.score);
        int scoreId = score.requireColumn(request.id, "--id");
        List<String> absent = encoder.columns().stream().filter(c -> score.column(c) < 0).toList();
        if (!absent.isEmpty()) {
            err.println("churn: " + score.source() + " lacks " + absent + "; scored as blank");
        }

        ChurnModel model;
        try {
            model = ChurnModel.train(encoder, x, y, TrainingSettings.DEFAULT.withSeed(request.seed), null);
        } catch (IllegalArgumentException e) {
            throw new CsvFormatException(train.source() + ": " + e.getMessage());
        }
        try (model) {
            ChurnModel.TrainingReport report = model.report();
            err.printf(Locale.ROOT, "churn: %d members, best epochs %s; out-of-fold ROC-AUC %.4f, PR-AUC %.4f%n",
                    report.members(), report.epochs(), report.outOfFoldRocAuc(), report.outOfFoldPrAuc());
            String[][] aligned = new String[score.size()][];
            float[][] rows = new float[score.size()][];
            for (int r = 0; r < score.size(); r++) {
                aligned[r] = encoder.align(score.header(), score.row(r));
                rows[r] = encoder.encode(aligned[r]);
            }
            double[] scores = model.scores(rows);
            double[][] contributions = request.explain ? model.contributions(rows) : null;
            try (CsvWriter writer = new CsvWriter(request.output)) {
                if (request.explain) {
                    writer.row("id", "score", "top_features");
                } else {
                    writer.row("id", "score");
                }
                for (int r = 0; r < score.size(); r++) {
                    String id = score.row(r)[scoreId];
                    String value = CsvWriter.number(scores[r], 8);
                    if (request.explain) {
                        writer.row(id, value, describe(model.top(contributions[r], aligned[r], request.top)));
                    } else {
                        writer.row(id, value);
                    }
                }
                writer.commit();
            }
            out.printf(Locale.ROOT, "churn: scored %d rows into %s in %.1f s (out-of-fold ROC-AUC %.4f on %d"
                            + " training rows)%n", score.size(), request.output,
                    (System.nanoTime() - started) / 1e9, report.outOfFoldRocAuc(), report.rows());
        }
        return 0;
    }

    /**
     * The network is small: PyTorch's parallel kernels only add overhead, and on a busy machine they spin on cores
     * other work needs (measured: 5x the CPU time at load 12 on 2 cores). Read before the engine starts; a value the
     * user set wins.
     */
    private static void singleThreadedTorch() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null && System.getenv("OMP_NUM_THREADS") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    static String describe(List<Contribution> top) {
        StringBuilder text = new StringBuilder();
        for (Contribution c : top) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(c.feature()).append('=').append(c.value()).append(':')
                    .append(String.format(Locale.ROOT, "%+.4f", c.contribution()));
        }
        return text.toString();
    }
}
